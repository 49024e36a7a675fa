// Starts GOV.UK Frontend's components. Kept in a file so pages need no inline script.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// A form whose questions depend on the procedure chosen (logging a complaint) shows only
// those that apply to it; without JavaScript every question shows and the server ignores
// those that do not apply.
const procedure = document.getElementById("id_procedure");
const dependent = document.querySelectorAll("[data-heard-shown-for]");
if (procedure && dependent.length) {
  const show = () => {
    for (const element of dependent) {
      element.hidden = !element.dataset.heardShownFor.split(" ").includes(procedure.value);
    }
  };
  procedure.addEventListener("change", show);
  show();
}
