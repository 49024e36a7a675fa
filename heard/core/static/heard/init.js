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

// The timeout warning: a dialog before the idle limit, with "Stay signed in" (a request that
// starts the session's idle clock again). If nothing is done, the session ends; a form sent
// after that keeps what was typed through sign-in (heard.core.sessions).
const body = document.body.dataset;
const dialog = document.getElementById("heard-timeout");
if (body.heardIdleSeconds && dialog && typeof dialog.showModal === "function") {
  const idle = Number(body.heardIdleSeconds) * 1000;
  const warn = Number(body.heardWarnSeconds) * 1000;
  let timer;
  const start = () => {
    clearTimeout(timer);
    timer = setTimeout(() => dialog.showModal(), Math.max(idle - warn, 0));
  };
  document.getElementById("heard-timeout-stay").addEventListener("click", async () => {
    const response = await fetch(body.heardKeepAlive, { credentials: "same-origin" });
    dialog.close();
    if (response.status === 204) {
      start();
    } else {
      window.location.assign(`${body.heardSignIn}?next=${encodeURIComponent(window.location.pathname)}`);
    }
  });
  start();
}
