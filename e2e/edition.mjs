// A second edition, to test the organiser's path (README.md, « For
// organisers »): writes a synthetic data file (2019: 150 défis on 13 sites,
// five themes, every level of government, one theme given by a source and
// the others editorial), then builds the app from it with `.ci/build` into
// target/edition-dist/, which e2e/tests/edition.spec.js serves.
//
// Every text in it says it is synthetic: nothing of it took place.
//
// The build (about two minutes) is skipped when target/edition-dist/ was
// built from the same data file and the same sources of the app: a hash of
// both is kept in target/edition-dist.stamp.
//
// As a command: node e2e/edition.mjs [--write-only] [--force]

import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const EDITION_DATA = join(ROOT, "target/edition/defis-2019.toml");
export const EDITION_DIST = join(ROOT, "target/edition-dist");
const STAMP = join(ROOT, "target/edition-dist.stamp");

/** The narrow no-break space of French typography, before : ; ! ? and inside « ». */
const N = "\u202f";

export const SITES = [
  "Angers", "Besançon", "Brest", "Caen", "Dijon", "Grenoble", "Lille",
  "Limoges", "Metz", "Nancy", "Pau", "Poitiers", "Tours",
];
export const THEMES = [
  ["accueil", "Repenser l’accueil des usagers", "Accueil des usagers"],
  ["numerique", "Mettre le numérique au service de tous", "Numérique pour tous"],
  ["transition", "Accompagner la transition écologique", "Transition écologique"],
  ["participation", "Associer les habitants aux décisions", "Participation"],
  ["management", "Innover dans le management public", "Management public"],
];
const LEVELS = ["commune", "intercommunalite", "departement", "region", "etrangere"];
const WORDS = ["l’accueil", "la mobilité", "l’école", "la santé", "la culture", "l’énergie", "la jeunesse", "l’habitat", "l’eau", "l’emploi"];

/** The défis per site: 150 in all, 11 or 12 a site. */
export const DEFIS = 150;

/** A TOML string (the texts have no quote or backslash to escape). */
const q = (text) => JSON.stringify(text);

/** The synthetic data file. */
export function editionData() {
  const out = [];
  out.push(`# A synthetic edition, written by e2e/edition.mjs for the tests: nothing in it took place.

[event]
name = "Université synthétique de l’innovation publique territoriale"
edition = "4e édition (synthétique)"
organiser = "Centre synthétique"
dates = "du 8 au 10 juillet 2019"
title = "données de test${N}: rien n’a eu lieu"
participants = "des participants imaginaires"
challenges = "${DEFIS} défis synthétiques sur les ${SITES.length} sites"
sources = ["synthese"]
short = "Édition synthétique · juillet 2019"
description = "Les défis d’une édition synthétique de 2019, écrite pour les tests"
credits = "Textes synthétiques écrits pour les tests du carnet. Carnet non officiel."
contents = [
  "Les {défis} d’une édition synthétique, sur {sites} et sous {thèmes}${N}: des données de test, pas des défis réels.",
  "Un seul thème y est donné par la source${N}; les autres sont un classement éditorial.",
]
licence = ["Textes synthétiques, libres de droits${N}: ils ne décrivent aucun défi réel."]

[[source]]
id = "synthese"
title = "Jeu de données synthétique"
publisher = "e2e/edition.mjs"
`);
  for (const [id, label, short] of THEMES) {
    out.push(`[[theme]]\nid = ${q(id)}\nlabel = ${q(label)}\nshort = ${q(short)}\n`);
  }
  SITES.forEach((name, i) => {
    out.push(`[[site]]\nid = ${q(slug(name))}\nname = ${q(name)}\nvenue = ${q(`Lieu synthétique n° ${i + 1}`)}\nsources = ["synthese"]\n`);
  });
  out.push(`[[region]]\nid = "region-synthetique"\nname = "Région synthétique"\nkind = "region"\n`);
  out.push(`[[region]]\nid = "pays-synthetique"\nname = "Pays synthétique"\nkind = "pays"\n`);
  LEVELS.forEach((level, i) => {
    const region = level === "etrangere" ? "pays-synthetique" : "region-synthetique";
    out.push(`[[porteur]]\nid = "porteur-${i + 1}"\nname = "Collectivité synthétique ${i + 1}"\nlevel = ${q(level)}\nregion = ${q(region)}\nsources = ["synthese"]\n`);
  });
  for (let i = 0; i < DEFIS; i++) {
    const site = SITES[i % SITES.length];
    const number = Math.floor(i / SITES.length) + 1;
    const theme = THEMES[i % THEMES.length][0];
    const w = (k) => WORDS[(i * 3 + k) % WORDS.length];
    const lines = [
      `[[defi]]`,
      `id = ${q(`${slug(site)}-${number}`)}`,
      `site = ${q(slug(site))}`,
      `number = ${number}`,
      `title = ${q(`Comment repenser ${w(0)} et ${w(1)} à ${site}${N}? (défi synthétique ${i + 1})`)}`,
    ];
    // One défi in seven has no porteur: the app says « non précisé ».
    if (i % 7 !== 6) lines.push(`porteur = "porteur-${(i % LEVELS.length) + 1}"`);
    if (i % 2 === 0) lines.push(`enjeux = ${q(`Des enjeux synthétiques${N}: ${w(2)} et ${w(3)}.`)}`);
    lines.push(`theme = ${q(theme)}`);
    // The first défi's theme is given by the source; every other one is editorial.
    lines.push(`theme_editorial = ${i !== 0}`);
    lines.push(`sources = ["synthese"]`);
    out.push(lines.join("\n") + "\n");
  }
  return out.join("\n");
}

function slug(name) {
  return name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

/** Every file under `path` (a file or a folder), sorted. */
function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => files(join(path, name)));
}

/** A hash of the data file and of everything the build reads. */
function inputsHash(data) {
  const hash = createHash("sha256").update(data);
  const inputs = ["Cargo.toml", "Cargo.lock", "Trunk.toml", "build.rs", "index.html", "rust-toolchain.toml", ".cargo", "src", "assets", "style"];
  for (const file of inputs.flatMap((p) => files(join(ROOT, p)))) {
    hash.update(file.slice(ROOT.length)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

/** Writes the data file; builds target/edition-dist/ unless it is up to date. */
export function buildEdition({ force = false, writeOnly = false } = {}) {
  const data = editionData();
  mkdirSync(join(ROOT, "target/edition"), { recursive: true });
  writeFileSync(EDITION_DATA, data);
  if (writeOnly) return console.log(`edition: wrote ${EDITION_DATA}`);
  const hash = inputsHash(data);
  const upToDate = existsSync(join(EDITION_DIST, "index.html")) && existsSync(STAMP) && readFileSync(STAMP, "utf8") === hash;
  if (upToDate && !force) return console.log(`edition: ${EDITION_DIST} is up to date`);
  execFileSync(join(ROOT, ".ci/build"), [EDITION_DATA, EDITION_DIST], { cwd: ROOT, stdio: "inherit" });
  writeFileSync(STAMP, hash);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildEdition({ force: process.argv.includes("--force"), writeOnly: process.argv.includes("--write-only") });
}
