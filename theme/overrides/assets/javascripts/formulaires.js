/* eclaireur — formulaires statiques.
 *
 * Vérifie les réponses dans le navigateur (messages en français écrits dans la page à partir du schéma),
 * puis fabrique le fichier de contribution (YAML) et propose les moyens d'envoi configurés : lien
 * prérempli vers la forge, téléchargement, courriel, envoi au service de la collectivité (ces moyens
 * d'envoi sont ceux de contribution.js, chargé avant ce script, communs avec le bulletin de vote).
 * Sans ce script, le formulaire s'envoie quand même, par courriel (ou vers le service configuré).
 * L'ouverture et la fermeture sont décidées à la construction du site (date de référence), pas ici.
 * Aucune requête n'est faite sans action de la personne ; rien n'est écrit avec innerHTML.
 */
(function () {
  "use strict";

  var EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
  var DATE = /^\d{4}-\d{2}-\d{2}$/;
  var INTEGER = /^[+-]?\d+$/;
  var NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
  var LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g;
  var ESCAPED = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g;

  /* Même écriture que eclaireur.contributions.fileformat.quote (Python). */
  function quote(value) {
    var text = value.replace(LONE_SURROGATE, function (match, before) {
      return (before || "") + "\ufffd";
    });
    text = text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t");
    text = text.replace(ESCAPED, function (ch) {
      return "\\u" + ("0000" + ch.charCodeAt(0).toString(16)).slice(-4);
    });
    return '"' + text + '"';
  }

  var envoi = window.eclaireur.envoi;

  function length(text) {
    return Array.from(text).length;
  }

  function realDate(text) {
    if (!DATE.test(text)) return false;
    var parts = text.split("-").map(Number);
    var d = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
    return d.getUTCFullYear() === parts[0] && d.getUTCMonth() === parts[1] - 1 && d.getUTCDate() === parts[2];
  }

  function anchored(pattern) {
    try {
      return new RegExp("^(?:" + pattern + ")$", "u");
    } catch (e) {
      return null;
    }
  }

  function Field(block, form) {
    this.block = block;
    this.name = block.getAttribute("data-ecl-field");
    this.kind = block.getAttribute("data-ecl-kind");
    this.type = block.getAttribute("data-ecl-type") || "string";
    this.inputs = Array.prototype.slice.call(block.querySelectorAll("input, select, textarea"));
    this.input = this.inputs[0];
    this.error = block.querySelector("[data-ecl-error]");
    this.form = form;
  }

  Field.prototype.message = function (key) {
    return this.block.getAttribute("data-msg-" + key.toLowerCase()) || "Réponse invalide.";
  };

  Field.prototype.value = function () {
    if (this.kind === "checkbox") return this.input.checked ? "true" : "false";
    if (this.kind === "radio") {
      var checked = this.inputs.filter(function (i) { return i.checked; })[0];
      return checked ? checked.value : "";
    }
    if (this.kind === "textarea") return this.input.value.replace(/\r\n?/g, "\n").trim();
    return this.input.value.trim();
  };

  Field.prototype.check = function () {
    var input = this.input;
    var value = this.value();
    var required = input.hasAttribute("required");
    if (this.kind === "checkbox") return required && value !== "true" ? this.message("required") : "";
    if (input.validity && input.validity.badInput) return this.message("type");
    if (value === "") return required ? this.message("required") : "";
    if (this.type === "integer" && !INTEGER.test(value)) return this.message("type");
    if (this.type === "number" && !NUMBER.test(value)) return this.message("type");
    if (this.type === "date" && !realDate(value)) return this.message("type");
    if (this.kind === "email" && !EMAIL.test(value)) return this.message("type");
    if (this.kind === "url") {
      var url = null;
      try { url = new URL(value); } catch (e) { url = null; }
      if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) return this.message("type");
    }
    var min = input.getAttribute("minlength");
    if (min && length(value) < Number(min)) return this.message("minLength");
    var max = input.getAttribute("maxlength");
    if (max && length(value) > Number(max)) return this.message("maxLength");
    var pattern = input.getAttribute("pattern");
    var regex = pattern ? anchored(pattern) : null;
    if (regex && !regex.test(value)) return this.message("pattern");
    var low = input.getAttribute("min");
    var high = input.getAttribute("max");
    if (this.type === "date") {
      if (low && value < low) return this.message("minimum");
      if (high && value > high) return this.message("maximum");
    } else if (this.type === "integer" || this.type === "number") {
      if (low !== null && Number(value) < Number(low)) return this.message("minimum");
      if (high !== null && Number(value) > Number(high)) return this.message("maximum");
    }
    return "";
  };

  Field.prototype.show = function (message) {
    var inputs = this.kind === "radio" ? this.inputs : [this.input];
    this.error.textContent = "";
    if (message) {
      var hidden = document.createElement("span");
      hidden.className = "md-visually-hidden";
      hidden.textContent = "Erreur : ";
      this.error.appendChild(hidden);
      this.error.appendChild(document.createTextNode(message));
      this.block.classList.add("ecl-field--error");
    } else {
      this.block.classList.remove("ecl-field--error");
    }
    inputs.forEach(function (input) {
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    });
  };

  Field.prototype.label = function () {
    var short = this.block.getAttribute("data-ecl-label");
    if (short) return short;
    var label = this.kind === "radio" ? this.block.querySelector("legend") : this.block.querySelector("label");
    var copy = label.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(".ecl-required, .ecl-private"), function (el) {
      el.parentNode.removeChild(el);
    });
    return copy.textContent.trim();
  };

  function setup(form) {
    var page = form.parentNode;
    var fields = Array.prototype.map.call(form.querySelectorAll("[data-ecl-field]"), function (block) {
      return new Field(block, form);
    });
    var summary = document.getElementById("formulaire-erreurs");
    var summaryList = summary.querySelector("[data-ecl-summary]");
    var result = document.getElementById("formulaire-envoi");
    var honeypot = form.querySelector("input[name='site_internet']");
    var settings = envoi.settings(form);
    settings.id = form.getAttribute("data-ecl-form");
    settings.version = form.getAttribute("data-version");
    settings.title = form.getAttribute("data-titre");
    var offer = new envoi.Offer(result, settings);
    var current = null;
    form.noValidate = true;

    function showSummary(problems) {
      summaryList.textContent = "";
      problems.forEach(function (problem) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = "#" + problem.target.id;
        link.textContent = problem.text;
        link.addEventListener("click", function (event) {
          event.preventDefault();
          problem.target.focus();
        });
        item.appendChild(link);
        summaryList.appendChild(item);
      });
      summary.hidden = false;
      summary.focus();
    }

    function fileText(answers, id, stamp, consent) {
      var lines = [
        "# Contribution au formulaire « " + settings.id + " » : déposez ce fichier dans " + settings.folder,
        "formulaire: " + quote(settings.id),
        "version: " + quote(settings.version),
        "identifiant: " + quote(id),
        "horodatage: " + quote(stamp),
        "consentement: " + quote(consent),
        "reponses:"
      ];
      answers.forEach(function (pair) {
        lines.push("  " + pair[0] + ": " + quote(pair[1]));
      });
      return lines.join("\n") + "\n";
    }

    function prepare(answers, consent, hasPrivate) {
      var now = new Date();
      var id = envoi.identifier(now);
      var stamp = envoi.timestamp(now);
      var text = fileText(answers, id, stamp, consent);
      current = { id: id, stamp: stamp, text: text, answers: answers, consent: consent };
      offer.show({ id: id, text: text, subject: "Contribution : " + settings.title + " (" + id + ")",
                   sensitive: hasPrivate });
      result.hidden = false;
      document.getElementById("formulaire-envoi-titre").focus();
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var problems = [];
      var answers = [];
      var consent = "false";
      var hasPrivate = false;
      fields.forEach(function (field) {
        var message = field.check();
        field.show(message);
        if (message) {
          problems.push({ target: field.input, text: field.label() + " : " + message });
        } else if (field.name === "consentement") {
          consent = field.value();
        } else {
          answers.push([field.name, field.value()]);
          if (field.block.querySelector(".ecl-private") && field.value() !== "") hasPrivate = true;
        }
      });
      fields.forEach(function (field) {
        var named = field.block.getAttribute("data-ecl-signe");
        var choice = field.value();
        if (!named || (choice !== "nom" && choice !== "initiales")) return;
        var nameField = fields.filter(function (f) { return f.name === named; })[0];
        if (!nameField || nameField.value() !== "" || nameField.check()) return;
        var message = field.message("signature");
        nameField.show(message);
        problems.push({ target: nameField.input, text: nameField.label() + " : " + message });
        answers = answers.filter(function (pair) { return pair[0] !== named; });
      });
      if (honeypot && honeypot.value !== "") {
        problems.push({ target: fields[0].input, text: "Le champ « Ne remplissez pas ce champ » doit rester vide." });
      }
      problems.sort(function (a, b) {
        return a.target.compareDocumentPosition(b.target) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
      });
      if (problems.length) {
        result.hidden = true;
        current = null;
        showSummary(problems);
        return;
      }
      summary.hidden = true;
      summaryList.textContent = "";
      prepare(answers, consent, hasPrivate);
    });

    /* Une erreur affichée disparaît dès que la réponse du champ devient correcte. */
    function recheck(event) {
      var block = event.target.closest ? event.target.closest("[data-ecl-field]") : null;
      if (!block || !block.classList.contains("ecl-field--error")) return;
      var field = fields.filter(function (f) { return f.block === block; })[0];
      if (field && !field.check()) field.show("");
    }
    form.addEventListener("change", recheck);
    form.addEventListener("input", recheck);

    offer.onSend(function () {
      if (!current) return null;
      var reponses = {};
      current.answers.forEach(function (pair) { reponses[pair[0]] = pair[1]; });
      return {
        formulaire: settings.id, version: settings.version, identifiant: current.id,
        horodatage: current.stamp, consentement: current.consent, reponses: reponses
      };
    }, "Contribution reçue par le service");
    return page;
  }

  function start() {
    var form = document.querySelector("form[data-ecl-form]");
    if (form) setup(form);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
