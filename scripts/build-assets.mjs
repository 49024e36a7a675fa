// Builds Heard's front-end assets from the npm packages into build/static (git-ignored).
// GOV.UK Frontend is compiled from Sass so that the GDS Transport font is never included:
// Heard is a council's service, not GOV.UK (see ARCHITECTURE.md).
import { compile } from "sass";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";

const out = "build/static";
const govuk = "node_modules/govuk-frontend/dist/govuk";
mkdirSync(`${out}/heard`, { recursive: true });

const css = compile("heard/core/assets/heard.scss", {
  loadPaths: ["node_modules", "."],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(`${out}/heard/heard.css`, css.css);
cpSync(`${govuk}/govuk-frontend.min.js`, `${out}/heard/govuk-frontend.min.js`);
cpSync(`${govuk}/assets/images/favicon.ico`, `${out}/heard/favicon.ico`);
// GOV.UK Frontend's footer styles name the crest (for a copyright logo Heard's footer does not
// have). The file must exist for collectstatic's manifest to resolve every URL in the CSS;
// no page shows it.
mkdirSync(`${out}/heard/images`, { recursive: true });
cpSync(`${govuk}/assets/images/govuk-crest.svg`, `${out}/heard/images/govuk-crest.svg`);
// The same for the icons MOJ Frontend's filter styles name (its tags' remove cross is shown).
const moj = "node_modules/@ministryofjustice/frontend/moj/assets/images";
for (const icon of [
  "icon-close-cross-black.svg",
  "icon-tag-remove-cross-white.svg",
  "icon-tag-remove-cross.svg",
  "icon-toggle-plus-minus.svg",
]) {
  cpSync(`${moj}/${icon}`, `${out}/heard/images/${icon}`);
}
console.log(`assets built in ${out}`);
