/* eclaireur — bulletin de l'élection des futurs (classement au clavier).
 *
 * Sans ce script, la page reste un formulaire : une liste « Rang » par désir, envoyée par courriel (ou au
 * service de la collectivité s'il est configuré).
 * Avec lui : des boutons Classer / Monter / Descendre / Retirer rangent la liste (au clavier, annoncés aux
 * lecteurs d'écran), puis le bulletin est préparé sous forme de fichier texte, proposé par les mêmes moyens
 * d'envoi que les formulaires (contribution.js, chargé avant ce script) : lien prérempli vers la forge
 * (contributions/inbox/bulletins/<identifiant>.yaml), téléchargement, courriel, service de la collectivité.
 * Les listes « Rang » restent la source de vérité : deux désirs au même rang sont ex aequo.
 * Aucune requête réseau, aucun innerHTML ; le fichier a le format lu par eclaireur.vote.ballot_file.
 */
(function () {
  "use strict";

  var envoi = window.eclaireur.envoi;

  function Ballot(form) {
    this.form = form;
    this.list = form.querySelector("[data-ecl-ballot-list]");
    this.items = Array.prototype.slice.call(this.list.querySelectorAll(".ecl-ballot-item"));
    this.announcer = form.querySelector("[data-ecl-announce]");
    this.counter = form.querySelector("[data-ecl-ballot-count]");
    this.errors = form.querySelector("[data-ecl-ballot-errors]");
    this.errorList = form.querySelector("[data-ecl-ballot-error-list]");
    this.code = form.querySelector("#code");
    this.result = document.querySelector("[data-ecl-ballot-result]");
    this.settings = envoi.settings(form);
    this.offer = new envoi.Offer(this.result, this.settings);
    this.current = null;
  }

  Ballot.prototype.select = function (item) {
    return item.querySelector("[data-ecl-rank]");
  };

  Ballot.prototype.title = function (item) {
    return item.querySelector(".ecl-ballot-title").textContent.trim();
  };

  Ballot.prototype.rank = function (item) {
    var value = this.select(item).value;
    return value === "" ? null : parseInt(value, 10);
  };

  /* Ranked items grouped by rank (best first), each group in list order. */
  Ballot.prototype.groups = function () {
    var self = this;
    var current = Array.prototype.slice.call(this.list.children);
    var ranked = current.filter(function (item) { return self.rank(item) !== null; });
    ranked.sort(function (a, b) {
      return self.rank(a) - self.rank(b) || current.indexOf(a) - current.indexOf(b);
    });
    var groups = [];
    ranked.forEach(function (item) {
      var last = groups[groups.length - 1];
      if (last && self.rank(last[0]) === self.rank(item)) last.push(item);
      else groups.push([item]);
    });
    return groups;
  };

  Ballot.prototype.apply = function (groups) {
    var self = this;
    this.items.forEach(function (item) { self.select(item).value = ""; });
    groups.forEach(function (group, index) {
      group.forEach(function (item) { self.select(item).value = String(index + 1); });
    });
    this.render(groups);
  };

  Ballot.prototype.render = function (groups) {
    var self = this;
    groups = groups || this.groups();
    var ranked = [];
    groups.forEach(function (group) { ranked = ranked.concat(group); });
    var unranked = this.items.filter(function (item) { return ranked.indexOf(item) < 0; });
    unranked.sort(function (a, b) { return a.getAttribute("data-order") - b.getAttribute("data-order"); });
    ranked.concat(unranked).forEach(function (item) {
      if (self.list.lastElementChild !== item || item.parentNode !== self.list) self.list.appendChild(item);
    });
    this.items.forEach(function (item) { self.updateButtons(item, groups); });
    if (this.counter) {
      this.counter.hidden = false;
      this.counter.textContent = ranked.length + " désir" + (ranked.length > 1 ? "s" : "") + " classé" +
        (ranked.length > 1 ? "s" : "") + " sur " + this.items.length + ".";
    }
  };

  Ballot.prototype.position = function (item, groups) {
    for (var g = 0; g < groups.length; g++) {
      if (groups[g].indexOf(item) >= 0) return g;
    }
    return -1;
  };

  Ballot.prototype.updateButtons = function (item, groups) {
    var g = this.position(item, groups);
    var alone = g >= 0 && groups[g].length === 1;
    var buttons = {};
    Array.prototype.forEach.call(item.querySelectorAll("[data-move]"), function (button) {
      buttons[button.getAttribute("data-move")] = button;
    });
    buttons.classer.hidden = g >= 0;
    buttons.monter.hidden = g < 0;
    buttons.descendre.hidden = g < 0;
    buttons.retirer.hidden = g < 0;
    buttons.monter.disabled = g === 0 && alone;
    buttons.descendre.disabled = g === groups.length - 1 && alone;
    item.classList.toggle("ecl-ballot-item--classe", g >= 0);
  };

  Ballot.prototype.describe = function (item) {
    var groups = this.groups();
    var g = this.position(item, groups);
    var text = "« " + this.title(item) + " » : ";
    if (g < 0) return text + "non classé.";
    text += "rang " + (g + 1) + " sur " + groups.length;
    var others = groups[g].filter(function (other) { return other !== item; });
    if (others.length) {
      var self = this;
      text += ", ex aequo avec " + others.map(function (o) { return "« " + self.title(o) + " »"; }).join(", ");
    }
    return text + ".";
  };

  Ballot.prototype.announce = function (message) {
    var announcer = this.announcer;
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = message; }, 50);
  };

  Ballot.prototype.move = function (item, action) {
    var groups = this.groups();
    var g = this.position(item, groups);
    if (action === "classer" && g < 0) {
      groups.push([item]);
    } else if (action === "retirer" && g >= 0) {
      groups[g].splice(groups[g].indexOf(item), 1);
      if (!groups[g].length) groups.splice(g, 1);
    } else if (action === "monter" && g >= 0) {
      if (groups[g].length > 1) {
        groups[g].splice(groups[g].indexOf(item), 1);
        groups.splice(g, 0, [item]);
      } else if (g > 0) {
        groups.splice(g - 1, 2, groups[g], groups[g - 1]);
      }
    } else if (action === "descendre" && g >= 0) {
      if (groups[g].length > 1) {
        groups[g].splice(groups[g].indexOf(item), 1);
        groups.splice(g + 1, 0, [item]);
      } else if (g < groups.length - 1) {
        groups.splice(g, 2, groups[g + 1], groups[g]);
      }
    }
    this.apply(groups);
    this.focusAfter(item, action);
    this.announce(this.describe(item));
  };

  Ballot.prototype.focusAfter = function (item, action) {
    var order = {
      classer: ["monter", "descendre", "retirer"],
      retirer: ["classer"],
      monter: ["monter", "descendre", "retirer"],
      descendre: ["descendre", "monter", "retirer"]
    }[action];
    for (var i = 0; i < order.length; i++) {
      var button = item.querySelector('[data-move="' + order[i] + '"]');
      if (button && !button.hidden && !button.disabled) {
        button.focus();
        return;
      }
    }
    this.select(item).focus();
  };

  Ballot.prototype.normalisedCode = function () {
    if (!this.code) return "";
    return this.code.value.toUpperCase().replace(/[^0-9A-Z]/g, "");
  };

  Ballot.prototype.codeProblem = function () {
    if (!this.code) return "";
    var code = this.normalisedCode();
    var required = this.form.getAttribute("data-code-requis") === "oui";
    var alphabet = this.form.getAttribute("data-code-alphabet");
    var length = parseInt(this.form.getAttribute("data-code-longueur"), 10);
    if (!code) return required ? "Saisissez le code de participation imprimé sur votre invitation." : "";
    if (code.length !== length) {
      return "Le code doit compter " + length + " caractères (lettres et chiffres, tirets facultatifs) ; vous en avez saisi " + code.length + ".";
    }
    for (var i = 0; i < code.length; i++) {
      if (alphabet.indexOf(code.charAt(i)) < 0) {
        return "Le caractère « " + code.charAt(i) + " » n'existe pas dans les codes (ni 0, 1, I, L ni O) : vérifiez votre invitation.";
      }
    }
    return "";
  };

  Ballot.prototype.showErrors = function (problems) {
    var self = this;
    Array.prototype.forEach.call(this.form.querySelectorAll("[data-ecl-error]"), function (p) { p.textContent = ""; });
    Array.prototype.forEach.call(this.form.querySelectorAll("[aria-invalid]"), function (el) {
      el.removeAttribute("aria-invalid");
    });
    while (this.errorList.firstChild) this.errorList.removeChild(this.errorList.firstChild);
    if (!problems.length) {
      this.errors.hidden = true;
      return;
    }
    problems.forEach(function (problem) {
      var error = document.getElementById(problem.error);
      if (error) error.textContent = problem.message;
      var target = document.getElementById(problem.target);
      if (target) target.setAttribute("aria-invalid", "true");
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#" + problem.target;
      a.textContent = problem.message;
      a.addEventListener("click", function (event) {
        event.preventDefault();
        var field = document.getElementById(problem.target);
        if (field) field.focus();
      });
      li.appendChild(a);
      self.errorList.appendChild(li);
    });
    this.errors.hidden = false;
    this.errors.focus();
  };

  Ballot.prototype.ranking = function (groups) {
    return groups.map(function (group) {
      return group.map(function (item) { return item.getAttribute("data-option"); }).join("=");
    }).join(">");
  };

  /* Le bulletin : les clés lues par eclaireur.vote.ballot_file, dans l'ordre du fichier. */
  Ballot.prototype.ballot = function (groups) {
    var now = new Date();
    var code = this.normalisedCode();
    var ballot = {
      election: this.form.getAttribute("data-election"),
      /* 16 caractères au hasard (80 bits environ) : la clé d'envoi publiée dans data/bulletins.csv, une
       * empreinte de l'identifiant, ne doit pas permettre de retrouver l'heure du vote en essayant chaque
       * seconde de la journée (eclaireur.vote.ballot_file.submission_key). */
      identifiant: envoi.identifier(now, 16),
      horodatage: envoi.timestamp(now),
      canal: "en ligne"
    };
    if (code) ballot.code = code.match(/.{1,4}/g).join("-");
    ballot.classement = this.ranking(groups);
    return ballot;
  };

  /* Le fichier YAML : une valeur JSON entre guillemets par ligne. */
  Ballot.prototype.file = function (ballot) {
    var lines = ["# Bulletin de vote « " + this.form.getAttribute("data-titre") + " » : à déposer dans " +
      this.settings.folder];
    Object.keys(ballot).forEach(function (key) { lines.push(key + ": " + JSON.stringify(ballot[key])); });
    return lines.join("\n") + "\n";
  };

  Ballot.prototype.submit = function (event) {
    event.preventDefault();
    var groups = this.groups();
    var problems = [];
    var codeProblem = this.codeProblem();
    if (codeProblem) problems.push({ target: "code", error: "code-erreur", message: codeProblem });
    if (!groups.length) {
      problems.push({
        target: this.select(this.list.firstElementChild).id,
        error: "classement-erreur",
        message: "Classez au moins un désir : choisissez un rang, ou utilisez un bouton « Classer »."
      });
    }
    this.showErrors(problems);
    if (problems.length) {
      this.result.hidden = true;
      this.current = null;
      return;
    }
    var self = this;
    var ballot = this.ballot(groups);
    var text = this.file(ballot);
    this.current = ballot;
    var summary = this.result.querySelector("[data-ecl-ballot-summary]");
    while (summary.firstChild) summary.removeChild(summary.firstChild);
    groups.forEach(function (group) {
      var li = document.createElement("li");
      li.textContent = group.map(function (item) { return self.title(item); }).join(" = ");
      summary.appendChild(li);
    });
    this.offer.show({
      id: ballot.identifiant,
      text: text,
      subject: "Bulletin de vote " + ballot.election + " (" + ballot.identifiant + ")",
      sensitive: !!ballot.code
    });
    this.result.hidden = false;
    this.result.querySelector("h3").focus();
  };

  Ballot.prototype.start = function () {
    var self = this;
    this.items.forEach(function (item) {
      item.querySelector("[data-ecl-buttons]").hidden = false;
      Array.prototype.forEach.call(item.querySelectorAll("[data-move]"), function (button) {
        button.addEventListener("click", function () { self.move(item, button.getAttribute("data-move")); });
      });
      self.select(item).addEventListener("change", function () {
        self.render(self.groups());
        self.select(item).focus();
        self.announce(self.describe(item));
      });
    });
    this.offer.onSend(function () { return self.current; }, "Bulletin reçu par le service");
    this.form.classList.add("ecl-ballot--js");
    this.form.addEventListener("submit", function (event) { self.submit(event); });
    this.render();
  };

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-ecl-ballot]"), function (form) {
      // Ce script vérifie le bulletin lui-même (messages en français) ; sans lui, le navigateur le fait
      // (code obligatoire) : un bulletin sans code ne part pas.
      form.noValidate = true;
      new Ballot(form).start();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
