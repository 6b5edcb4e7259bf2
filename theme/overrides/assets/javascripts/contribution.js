/* eclaireur — moyens d'envoi communs aux formulaires (formulaires.js) et au bulletin de vote (classement.js).
 *
 * Chargé avant le script de la page (les deux sont en « defer », l'ordre est gardé). Il donne
 * window.eclaireur.envoi : l'identifiant et l'horodatage d'un fichier, et la liste des moyens d'envoi
 * écrite par le gabarit contribution-channels.html.j2 — lien prérempli vers la forge (ou, s'il serait
 * trop long, le conseil de télécharger), téléchargement, courriel, envoi au service de la collectivité.
 * Aucune requête n'est faite sans action de la personne ; rien n'est écrit avec innerHTML.
 */
(function () {
  "use strict";

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  /* 2026-02-04T10:15:30+01:00 (heure locale et décalage). */
  function timestamp(now) {
    var offset = -now.getTimezoneOffset();
    var sign = offset >= 0 ? "+" : "-";
    offset = Math.abs(offset);
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate()) + "T" +
      pad(now.getHours()) + ":" + pad(now.getMinutes()) + ":" + pad(now.getSeconds()) +
      sign + pad(Math.floor(offset / 60)) + ":" + pad(offset % 60);
  }

  /* 20260204-101530-k3x9ab : la date, l'heure et `length` caractères tirés au hasard (six par défaut). */
  function identifier(now, length) {
    var alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    var bytes = new Uint8Array(length || 6);
    window.crypto.getRandomValues(bytes);
    var suffix = "";
    for (var i = 0; i < bytes.length; i++) suffix += alphabet.charAt(bytes[i] % alphabet.length);
    return now.getFullYear() + pad(now.getMonth() + 1) + pad(now.getDate()) + "-" +
      pad(now.getHours()) + pad(now.getMinutes()) + pad(now.getSeconds()) + "-" + suffix;
  }

  /* Les réglages écrits sur le <form> par envoi.data_attributes(). */
  function settings(form) {
    return {
      folder: form.getAttribute("data-dossier"),
      forge: form.getAttribute("data-forge"),
      branch: form.getAttribute("data-branche"),
      email: form.getAttribute("data-courriel"),
      endpoint: form.getAttribute("data-service"),
      maxUrl: Number(form.getAttribute("data-url-max")) || 8000
    };
  }

  /* Le lien « nouveau fichier » de la forge (même encodage que eclaireur.forms.channels.forge_link). */
  function forgeLink(options, path, text) {
    return options.forge.replace("{branch}", encodeURIComponent(options.branch))
      .replace("{path}", encodeURIComponent(path)).replace("{content}", encodeURIComponent(text));
  }

  /* La liste des moyens d'envoi de `result` (l'élément qui contient envoi.channel_list()). */
  function Offer(result, options) {
    this.result = result;
    this.options = options;
    this.downloadUrl = null;
  }

  Offer.prototype.tooLong = function (key, size) {
    var note = this.result.querySelector("[data-ecl-too-long='" + key + "']");
    var link = this.result.querySelector("[data-ecl-link='" + key + "']");
    if (!note || !link) return;
    var limit = this.options.maxUrl;
    if (size > limit) {
      note.textContent = "Vos réponses sont trop longues pour tenir dans un lien (" + size + " caractères, " +
        limit + " au plus) : téléchargez le fichier et " +
        (key === "forge" ? "déposez-le sur GitHub ou GitLab, dans le dossier " + this.options.folder + "."
          : "joignez-le à un courriel adressé à " + this.options.email + ".");
      note.hidden = false;
      link.parentNode.hidden = true;
    } else {
      note.hidden = true;
      note.textContent = "";
      link.parentNode.hidden = false;
    }
  };

  /* Prépare chaque moyen d'envoi pour le fichier `file` : { id, text, subject, sensitive }.
   * `sensitive` montre l'avertissement de la forge (données qui ne doivent pas devenir publiques). */
  Offer.prototype.show = function (file) {
    var result = this.result;
    var options = this.options;
    var shownId = result.querySelector("[data-ecl-id]");
    if (shownId) shownId.textContent = file.id;
    var shownFile = result.querySelector("[data-ecl-file]");
    if (shownFile) shownFile.textContent = file.text;
    var forge = result.querySelector("[data-ecl-link='forge']");
    if (forge && options.forge) {
      var href = forgeLink(options, options.folder + file.id + ".yaml", file.text);
      forge.href = href;
      this.tooLong("forge", href.length);
      var warning = result.querySelector("[data-ecl-private-warning]");
      if (warning) warning.hidden = !file.sensitive;
    }
    var download = result.querySelector("[data-ecl-link='telechargement']");
    if (download) {
      if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
      this.downloadUrl = URL.createObjectURL(new Blob([file.text], { type: "application/x-yaml;charset=utf-8" }));
      download.href = this.downloadUrl;
      download.setAttribute("download", file.id + ".yaml");
    }
    var mail = result.querySelector("[data-ecl-link='courriel']");
    if (mail && options.email) {
      var mailto = "mailto:" + options.email + "?subject=" + encodeURIComponent(file.subject) +
        "&body=" + encodeURIComponent(file.text);
      mail.href = mailto;
      this.tooLong("courriel", mailto.length);
    }
    var status = result.querySelector("[data-ecl-status]");
    if (status) status.textContent = "";
  };

  /* Le bouton « Envoyer maintenant » : `body()` donne l'objet à envoyer en JSON (ou null si rien n'est
   * prêt) ; `received` est le début du message quand le service accepte. */
  Offer.prototype.onSend = function (body, received) {
    var send = this.result.querySelector("[data-ecl-send]");
    var status = this.result.querySelector("[data-ecl-status]");
    var endpoint = this.options.endpoint;
    if (!send || !status || !endpoint) return;
    send.addEventListener("click", function () {
      var data = body();
      if (!data) return;
      send.disabled = true;
      status.textContent = "Envoi en cours…";
      fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(data)
      }).then(function (response) {
        return response.text().then(function (text) {
          status.textContent = (response.ok ? received : "Le service a refusé l'envoi") +
            " (" + response.status + ")" + (text ? " : " + text.slice(0, 500) : ".");
        });
      }).catch(function () {
        status.textContent = "Le service ne répond pas : téléchargez le fichier et envoyez-le par courriel.";
      }).then(function () {
        send.disabled = false;
      });
    });
  };

  window.eclaireur = window.eclaireur || {};
  window.eclaireur.envoi = {
    pad: pad,
    timestamp: timestamp,
    identifier: identifier,
    settings: settings,
    forgeLink: forgeLink,
    Offer: Offer
  };
})();
