#!/usr/bin/env node
// Validates Kubernetes manifests against the Kubernetes OpenAPI schemas that the npm package kubernetes-models ships
// (one compiled validator per apiVersion/kind; installed by scripts/setup), offline. Prints one JSON object on stdout:
// {"documents": [{"file", "apiVersion", "kind", "name", "object"}], "errors": ["file: kind/name: message"]} and exits
// 1 when any document is invalid or of a kind the package does not know. Usage: validate-manifests.js FILE...
"use strict";
const fs = require("fs");
const path = require("path");
const YAML = require("yaml");

const documents = [];
const errors = [];
for (const file of process.argv.slice(2)) {
  const parsed = YAML.parseAllDocuments(fs.readFileSync(file, "utf8"));
  for (const doc of parsed) {
    if (doc.errors.length > 0) {
      errors.push(`${file}: YAML: ${doc.errors.map((e) => e.message).join("; ")}`);
      continue;
    }
    const object = doc.toJSON();
    if (object === null || object === undefined) continue;
    const { apiVersion, kind } = object;
    const name = object.metadata?.name ?? "(no name)";
    const where = `${path.basename(file)}: ${kind}/${name}`;
    let Model;
    try {
      // kubernetes-models lays its models out as <group>/<version>/<Kind> ("v1/Service", "apps/v1/Deployment").
      Model = require(`kubernetes-models/${apiVersion}/${kind}`)[kind];
    } catch {
      errors.push(`${where}: no schema for apiVersion ${apiVersion} kind ${kind} in kubernetes-models`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      errors.push(`${where}: ${error.message}`);
    }
    documents.push({ file: path.basename(file), apiVersion, kind, name, object });
  }
}
process.stdout.write(JSON.stringify({ documents, errors }));
process.exit(errors.length > 0 ? 1 : 0);
