// Menu des sections (en-tête) : Échap le referme et rend le focus au bouton ; un clic ailleurs le referme.
// Sans ce script, le menu s'ouvre et se ferme quand même (élément details, Entrée ou Espace).
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll("details.ecl-menu[open]").forEach(function (menu) {
      menu.open = false;
      menu.querySelector("summary").focus();
    });
  });
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.ecl-menu[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) menu.open = false;
    });
  });
})();
