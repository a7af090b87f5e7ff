#!/usr/bin/env node
// Deep-merges a fragment {"sv": {...}, "en": {...}} into locales/sv.json and locales/en.json.
// Usage: node scripts/merge-locales.mjs fragment.json
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

const fragment = JSON.parse(readFileSync(process.argv[2], 'utf8'));

function merge(target, source) {
  for (const [key, value] of Object.entries(source)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      target[key] = merge(target[key] && typeof target[key] === 'object' ? target[key] : {}, value);
    } else {
      target[key] = value;
    }
  }
  return target;
}

for (const locale of ['sv', 'en']) {
  if (!fragment[locale]) continue;
  const file = new URL(`../locales/${locale}.json`, import.meta.url);
  const merged = merge(JSON.parse(readFileSync(file, 'utf8')), fragment[locale]);
  const tmp = new URL(`../locales/.${locale}.${process.pid}.tmp`, import.meta.url);
  writeFileSync(tmp, `${JSON.stringify(merged, null, 2)}\n`);
  renameSync(tmp, file);
}
