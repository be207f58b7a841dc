import { expect, test, type Page } from "@playwright/test";
import { createExperiment, createRun, uploadArtifact, type SeededRun } from "./seed";

// A 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const CONFIG = { model: { layers: 12, heads: [8, 16] }, lr: 0.001, name: "bert" };
const CSV = 'epoch,loss,note\n1,0.9,"warm, up"\n2,0.5,"said ""ok"""\n';
const TSV = "name\tscore\nalpha\t1\nbeta\t2\n";
const README = "# Model card\n\nTrained on *mnist*.\n\n<script>window.__pwned = 'md'</script>\n";
const HTML =
  "<!doctype html><html><body><h1>Report</h1>" +
  "<script>document.body.setAttribute('data-ran', 'yes'); try { parent.__pwned = 'html' } catch (e) {}</script></body></html>";
// 300 KiB of numbered 100-byte lines: more than the 256 KiB a preview reads.
const BIG_LINES = 3072;
const BIG = Array.from({ length: BIG_LINES }, (_, i) => `line ${String(i + 1).padStart(6, "0")} `.padEnd(99, ".") + "\n").join("");

async function seed(request: Parameters<typeof createRun>[0]): Promise<SeededRun> {
  const run = await createRun(request, await createExperiment(request), { run_name: "with-files" });
  await uploadArtifact(request, run, "images/pixel.png", PNG);
  await uploadArtifact(request, run, "logs/train.log", "epoch 1 loss=0.9\nepoch 2 loss=0.5\n");
  await uploadArtifact(request, run, "config.json", JSON.stringify(CONFIG));
  await uploadArtifact(request, run, "data/metrics.csv", CSV);
  await uploadArtifact(request, run, "data/scores.tsv", TSV);
  await uploadArtifact(request, run, "README.md", README);
  await uploadArtifact(request, run, "report.html", HTML);
  await uploadArtifact(request, run, "big.log", BIG);
  return run;
}

const tree = (page: Page) => page.getByRole("list", { name: "Artifacts" });
// A file's button is named by its name and size, a folder's by its name.
const treeButton = (page: Page, name: string) => tree(page).getByRole("button", { name: new RegExp(`^${name.replace(".", "\\.")}( |$)`) });
const preview = (page: Page) => page.getByRole("region", { name: "Artifact preview" });

test("previews each kind of artifact, reading large files only in part", async ({ page, request }) => {
  const run = await seed(request);
  await page.goto(`${run.url}?tab=artifacts`);
  await expect(page.getByText("Select a file to preview it.")).toBeVisible();

  // Folders open lazily, one listing each.
  await expect(treeButton(page, "images")).toHaveAttribute("aria-expanded", "false");
  await expect(treeButton(page, "pixel.png")).toHaveCount(0);
  await treeButton(page, "images").click();
  await expect(treeButton(page, "images")).toHaveAttribute("aria-expanded", "true");
  await treeButton(page, "pixel.png").click();
  await expect.poll(() => [...new URL(page.url()).searchParams]).toEqual([["tab", "artifacts"], ["artifact", "images/pixel.png"]]);
  const image = preview(page).getByTestId("image-preview");
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await expect(preview(page).getByRole("link", { name: "Download" })).toHaveAttribute("href", `/get-artifact?run_id=${run.runId}&path=images%2Fpixel.png`);

  await treeButton(page, "logs").click();
  await treeButton(page, "train.log").click();
  await expect(preview(page).getByTestId("text-preview")).toHaveText("epoch 1 loss=0.9\nepoch 2 loss=0.5\n");

  await treeButton(page, "config.json").click();
  await expect(preview(page).getByTestId("json-preview")).toHaveText(JSON.stringify(CONFIG, null, 2));

  await treeButton(page, "data").click();
  await treeButton(page, "metrics.csv").click();
  const csv = preview(page).getByTestId("table-preview");
  await expect(csv.getByRole("columnheader")).toHaveText(["epoch", "loss", "note"]);
  await expect(csv.getByRole("row").nth(1).getByRole("cell")).toHaveText(["1", "0.9", "warm, up"]);
  await expect(csv.getByRole("row").nth(2).getByRole("cell")).toHaveText(["2", "0.5", 'said "ok"']);
  await page.screenshot({ path: "e2e/output/run-artifacts-csv.png", fullPage: true });

  await treeButton(page, "scores.tsv").click();
  await expect(preview(page).getByTestId("table-preview").getByRole("row").nth(2).getByRole("cell")).toHaveText(["beta", "2"]);

  await treeButton(page, "README.md").click();
  const markdown = preview(page).getByTestId("markdown-preview");
  await expect(markdown.getByRole("heading", { name: "Model card" })).toBeVisible();
  await expect(markdown.locator("em")).toHaveText("mnist");
  await expect(markdown.locator("script")).toHaveCount(0);

  // HTML renders in a sandbox without scripts: its own script never runs, nor reaches this page.
  await treeButton(page, "report.html").click();
  const frame = preview(page).getByTestId("html-preview");
  await expect(frame).toHaveAttribute("sandbox", "");
  await expect(page.frameLocator('[data-testid="html-preview"]').getByRole("heading", { name: "Report" })).toBeVisible();
  await expect(page.frameLocator('[data-testid="html-preview"]').locator("body")).not.toHaveAttribute("data-ran", "yes");
  await page.screenshot({ path: "e2e/output/run-artifacts-html.png", fullPage: true });

  // A large log: the first 256 KiB (cut at a line end) through a Range request, and a notice.
  const ranges: (string | null)[] = [];
  page.on("request", (r) => r.url().includes("path=big.log") && ranges.push(r.headers()["range"] ?? null));
  await treeButton(page, "big.log").click();
  await expect(treeButton(page, "big.log")).toContainText("300 KB");
  await expect(preview(page).getByTestId("partial-notice")).toHaveText("Showing the first 256 KB of 300 KB. Download the file to see all of it.");
  const text = await preview(page).getByTestId("text-preview").textContent();
  expect(text).toBe(BIG.slice(0, 2621 * 100));
  expect(ranges).toEqual(["bytes=0-262143"]);
  await page.screenshot({ path: "e2e/output/run-artifacts-large.png" });

  expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
});

test("a copied link reproduces the view: tab, opened folders and selected file", async ({ page, context, request }) => {
  const run = await seed(request);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(`${run.url}?tab=artifacts`);
  await treeButton(page, "data").click();
  await treeButton(page, "metrics.csv").click();
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByText("Link copied")).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect([new URL(link).pathname, [...new URL(link).searchParams]]).toEqual([run.url, [["tab", "artifacts"], ["artifact", "data/metrics.csv"]]]);

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByRole("tab", { name: "Artifacts" })).toHaveAttribute("aria-selected", "true");
  await expect(treeButton(other, "metrics.csv")).toHaveAttribute("aria-current", "true");
  await expect(preview(other).getByTestId("table-preview").getByRole("columnheader")).toHaveText(["epoch", "loss", "note"]);
  await other.close();
});
