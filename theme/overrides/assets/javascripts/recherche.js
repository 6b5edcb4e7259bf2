// Page Rechercher : pagefind n'est téléchargé qu'à la première recherche (import dynamique).
// L'index est fait sur le texte sans accents (eclaireur/search.py) : la requête l'est aussi ; chaque résultat
// montre le titre et le résumé de la page, gardés avec leurs accents dans les métadonnées de l'index.
(function () {
  "use strict";
  var form = document.querySelector("form.ecl-search");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var status = document.querySelector(".ecl-search__status");
  var list = document.querySelector(".ecl-search__results");
  var fallback = document.querySelector(".ecl-search__fallback");
  var engine = null;
  // Les longues pages (l'accueil d'une évaluation, un rapport) ne sont pas trop pénalisées par leur longueur.
  var RANKING = { termFrequency: 0.0, pageLength: 0.0 };
  var asked = 0;
  form.hidden = false;
  fallback.querySelector("p").textContent = "Vous pouvez aussi parcourir toutes les pages :";

  function load() {
    if (!engine) {
      engine = import(new URL(form.getAttribute("data-pagefind"), document.baseURI).href).then(function (pagefind) {
        return Promise.resolve(pagefind.options({ ranking: RANKING })).then(function () {
          return pagefind;
        });
      });
    }
    return engine;
  }

  // Les pluriels ne comptent pas : « vélos » est cherché comme « vélo », « journaux » comme « journal »
  // (pagefind trouve ensuite les deux formes, et ignore les accents).
  function singular(query) {
    return query.normalize("NFD").replace(/\p{M}/gu, "").split(/\s+/).map(function (word) {
      if (word.length > 4 && /aux$/i.test(word)) return word.slice(0, -3) + "al";
      if (word.length > 3 && /[^s][sx]$/i.test(word)) return word.slice(0, -1);
      return word;
    }).join(" ");
  }

  function plural(n, one, many) { return n + "\u00a0" + (n > 1 ? many : one); }

  function run(query) {
    var mine = ++asked;
    query = query.trim();
    list.textContent = "";
    if (!query) { status.textContent = ""; return; }
    status.textContent = "Recherche en cours…";
    load().then(function (pagefind) { return pagefind.search(singular(query)); }).then(function (search) {
      if (mine !== asked) return null;
      return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); })).then(function (pages) {
        if (mine !== asked) return;
        var total = search.results.length;
        status.textContent = total
          ? plural(total, "page trouvée", "pages trouvées") + " pour «\u00a0" + query + "\u00a0»" +
            (total > pages.length ? " (les " + pages.length + " plus pertinentes)" : "") + "."
          : "Aucune page ne contient «\u00a0" + query + "\u00a0». Essayez un autre mot, ou le plan du site.";
        pages.forEach(function (page) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = page.url;
          var meta = page.meta || {};
          link.textContent = meta.titre || meta.title || page.url;
          var title = document.createElement("h2");
          title.className = "ecl-search__title";
          title.appendChild(link);
          item.appendChild(title);
          if (meta.resume) {
            var summary = document.createElement("p");
            summary.textContent = meta.resume;
            item.appendChild(summary);
          }
          list.appendChild(item);
        });
      });
    }).catch(function () {
      status.textContent = "La recherche n'a pas pu se charger. Le plan du site de A à Z donne toutes les pages.";
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    window.history.replaceState(null, "", url);
    run(input.value);
  });
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 250);
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; run(initial); }
})();
