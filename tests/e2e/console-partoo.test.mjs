// The merchant console, Partoo's flow from an empty console: two
// establishments, welcome and absence, five starters reordered by keyboard
// and by drag and drop; the preview shows the new order and Lyon's facts;
// the exported file, loaded through the widget's script tag on a host page,
// behaves as the preview did.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, hostPage, widget, conversation } from "./harness.mjs";
import { openConsole, exported, preview, previewConversation } from "./console-harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const ESTABLISHMENTS = [
  { id: "paris", name: "Boutique Paris", address: "1 rue de Rivoli, 75001 Paris", phone: "01 23 45 67 89", opening_hours: "du lundi au samedi, 9h-18h" },
  { id: "lyon", name: "Boutique Lyon", address: "2 place Bellecour, 69002 Lyon", phone: "04 00 00 00 00", opening_hours: "du mardi au samedi, 10h-19h" },
];
const STARTERS = ["Où êtes-vous ?", "Vos horaires ?", "Votre téléphone ?", "Livrez-vous ?", "Un parking ?"];

async function starterTitles(page) {
  return page.locator("ol.starters > li input[data-path$='.title']").evaluateAll((inputs) => inputs.map((i) => i.value));
}

test("Partoo's flow from an empty console, previewed and exported, runs the same in the widget", async () => {
  // Tall enough that the drag below needs no scrolling mid-drag.
  const { context, page } = await openConsole(env, { viewport: { width: 1440, height: 2800 } });
  await page.click("#create-empty");
  await page.locator("#add-establishment").waitFor();

  // Two establishments with their facts.
  for (const [i, e] of ESTABLISHMENTS.entries()) {
    await page.click("#add-establishment");
    for (const fact of ["id", "name", "address", "phone", "opening_hours"]) {
      await page.fill(`[data-path="establishments[${i}].${fact}"]`, e[fact]);
    }
  }

  // Welcome: typed text plus a tag inserted by its human name.
  const welcome = page.locator('[data-path="welcome_message"]');
  await welcome.fill("Bienvenue chez ");
  await welcome.press("End");
  await page.locator(".template").first().getByRole("button", { name: "+ Nom de l'établissement" }).click();
  assert.equal(await welcome.inputValue(), "Bienvenue chez {{establishment.name}}");
  await page.fill('[data-path="absence_message"]', "Nous sommes fermés. {{establishment.name}} ouvre {{establishment.opening_hours}}.");

  // Five starters; a sixth cannot be added and the button says why.
  for (const [i, title] of STARTERS.entries()) {
    await page.click("#add-starter");
    await page.fill(`[data-path="starters[${i}].title"]`, title);
    const answer = i === 0 ? "Au {{establishment.address}}." : `Réponse ${i + 1} de {{establishment.name}}.`;
    await page.fill(`[data-path="starters[${i}].answer"]`, answer);
  }
  assert.ok(await page.locator("#add-starter").isDisabled());
  assert.match(await page.locator("#add-starter").textContent(), /5 sujets au maximum/);

  // Keyboard: move the last starter up twice (focus follows it), announced.
  await page.focus("#starter-4-up");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  assert.deepEqual(await starterTitles(page), ["Où êtes-vous ?", "Vos horaires ?", "Un parking ?", "Votre téléphone ?", "Livrez-vous ?"]);
  assert.match(await page.locator("#live").textContent(), /« Un parking \? » déplacé en position 3 sur 5/);
  assert.equal(await page.evaluate(() => document.activeElement.id), "starter-2-up");

  // Drag and drop: the first starter dropped on the fourth.
  await page.locator('ol.starters > li[data-index="0"] .handle').dragTo(page.locator('ol.starters > li[data-index="3"]'));
  const order = ["Vos horaires ?", "Un parking ?", "Votre téléphone ?", "Où êtes-vous ?", "Livrez-vous ?"];
  assert.deepEqual(await starterTitles(page), order);

  // The preview, for Lyon, open: the welcome with Lyon's name and the new order.
  await page.selectOption("#pv-establishment", "lyon");
  await page.click("#pv-toggle");
  const w = preview(page);
  await w.locator(".st li button").first().waitFor();
  assert.deepEqual(await w.locator(".st li button").allTextContents(), order);
  assert.deepEqual(await previewConversation(page), ["Bienvenue chez Boutique Lyon"]);
  await w.locator(".st li button", { hasText: "Où êtes-vous ?" }).click();
  await page.waitForTimeout(100);
  const previewed = await previewConversation(page);
  assert.deepEqual(previewed, ["Bienvenue chez Boutique Lyon", "Où êtes-vous ?", "Au 2 place Bellecour, 69002 Lyon."]);

  // Export, then embed the file with the exact script tag on a host page.
  const json = await exported(page);
  const tag = await page.locator("#script-tag").textContent();
  assert.match(tag, /data-config="https:\/\/shop\.example\/nudge\.json"/);
  const configUrl = env.json("/partoo-export.json", json);
  const host = await context.newPage();
  await host.goto(env.page("/partoo-host.html", hostPage({ configUrl, attrs: ' data-establishment="lyon"' })));
  await widget(host).locator("button.l").click();
  await widget(host).locator(".st li button").first().waitFor();
  assert.deepEqual(await widget(host).locator(".st li button").allTextContents(), order);
  await widget(host).locator(".st li button", { hasText: "Où êtes-vous ?" }).click();
  await host.waitForTimeout(200);
  assert.deepEqual(await conversation(host), previewed);
  assert.deepEqual(page.errors, []);
  await context.close();
});
