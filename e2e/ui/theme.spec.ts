import { expect, test, type Page } from "@playwright/test";
import { createExperiment, createRun } from "./seed";

const LIGHT_BG = "rgb(250, 251, 252)";
const DARK_BG = "rgb(15, 18, 22)";
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test("the theme switch applies dark at once and again on the next visit, before the first paint", async ({ page, request }) => {
  // Records the theme at the moment <body> is parsed, i.e. before anything could be painted.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.body) return;
      (window as { __themeAtBody?: string | null }).__themeAtBody = document.documentElement.getAttribute("data-theme");
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  await expect(page.getByRole("button", { name: "System", exact: true })).toHaveAttribute("aria-pressed", "true");
  expect(await background(page)).toBe(LIGHT_BG);

  await page.getByRole("button", { name: "Dark", exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.getByRole("button", { name: "Dark", exact: true })).toHaveAttribute("aria-pressed", "true");
  expect(await background(page)).toBe(DARK_BG);

  const run = await createRun(request, await createExperiment(request), { run_name: "in-the-dark" });
  await page.goto(run.url);
  expect(await page.evaluate(() => (window as { __themeAtBody?: string | null }).__themeAtBody)).toBe("dark");
  await expect(page.getByRole("heading", { name: "in-the-dark" })).toBeVisible();
  expect(await background(page)).toBe(DARK_BG);
  await page.screenshot({ path: "e2e/output/run-dark.png", fullPage: true });

  // Keyboard: the switch is reachable and operable without a mouse.
  await page.getByRole("button", { name: "Light", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.getByRole("button", { name: "System", exact: true }).focus();
  await page.keyboard.press("Space");
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /.*/);
  expect(await page.evaluate(() => localStorage.getItem("metron-theme"))).toBeNull();
});

test("System follows the operating system's preference; an explicit choice overrides it", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Experiments" })).toBeVisible();
  expect(await background(page)).toBe(DARK_BG);
  await page.screenshot({ path: "e2e/output/home-dark.png", fullPage: true });

  await page.emulateMedia({ colorScheme: "light" });
  expect(await background(page)).toBe(LIGHT_BG);

  await page.emulateMedia({ colorScheme: "dark" });
  await page.getByRole("button", { name: "Light", exact: true }).click();
  expect(await background(page)).toBe(LIGHT_BG);
  await page.reload();
  expect(await background(page)).toBe(LIGHT_BG);
  await expect(page.getByRole("button", { name: "Light", exact: true })).toHaveAttribute("aria-pressed", "true");
});
