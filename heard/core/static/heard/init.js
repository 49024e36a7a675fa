// Starts GOV.UK Frontend's components. Kept in a file so pages need no inline script.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
