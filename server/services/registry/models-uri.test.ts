import { describe, expect, it } from "vitest";
import { MlflowError } from "../errors";
import { parseModelsUri, resolveModelsUri, type ModelUriLookup } from "./models-uri";

describe("parseModelsUri", () => {
  it.each([
    ["models:/churn/3", { kind: "version", name: "churn", version: 3 }],
    ["models:/churn/latest", { kind: "latest", name: "churn" }],
    ["models:/churn/LATEST", { kind: "latest", name: "churn" }],
    ["models:/churn/Production", { kind: "stage", name: "churn", stage: "Production" }],
    ["models:/churn/staging", { kind: "stage", name: "churn", stage: "staging" }],
    ["models:/churn@champion", { kind: "alias", name: "churn", alias: "champion" }],
    ["models:/a@b@c", { kind: "alias", name: "a@b", alias: "c" }],
    ["models:/m-0123456789abcdef0123456789abcdef", { kind: "loggedModel", modelId: "m-0123456789abcdef0123456789abcdef" }],
    ["models:///churn/2", { kind: "version", name: "churn", version: 2 }],
    ["MODELS:/churn/2", { kind: "version", name: "churn", version: 2 }],
  ])("%s", (uri, expected) => {
    expect(parseModelsUri(uri)).toEqual(expected);
  });

  it.each(["models:/", "models:", "models:/a/b/c", "models:/ /1", "models:/churn/ ", "models:/churn@", "runs:/abc/model", "models:churn/1"])(
    "refuses %s",
    (uri) => {
      expect(() => parseModelsUri(uri)).toThrow(/^Not a proper models:\/ URI/);
    },
  );
});

/** A registry in memory: versions with their locations and stages, aliases, logged models. */
function lookupOver(registry: {
  versions: { name: string; version: number; stage: string; location: string }[];
  aliases: Record<string, number>;
  loggedModels: Record<string, string>;
}): ModelUriLookup {
  return {
    versionLocation: async (name, version) => registry.versions.find((v) => v.name === name && v.version === version)?.location,
    aliasVersion: async (name, alias) => registry.aliases[`${name}@${alias}`],
    newestVersion: async (name, stage) =>
      registry.versions
        .filter((v) => v.name === name && (stage === undefined || v.stage === stage))
        .reduce<number | undefined>((max, v) => (max === undefined || v.version > max ? v.version : max), undefined),
    loggedModelLocation: async (id) => registry.loggedModels[id],
  };
}

describe("resolveModelsUri", () => {
  const lookup = lookupOver({
    versions: [
      { name: "churn", version: 1, stage: "Production", location: "s3://b/1" },
      { name: "churn", version: 2, stage: "Staging", location: "s3://b/2" },
      { name: "churn", version: 3, stage: "None", location: "s3://b/3" },
    ],
    aliases: { "churn@champion": 1 },
    loggedModels: { "m-abc": "mlflow-artifacts:/1/models/m-abc/artifacts" },
  });

  it.each([
    ["models:/churn/2", { artifactUri: "s3://b/2", name: "churn", version: 2 }],
    ["models:/churn@champion", { artifactUri: "s3://b/1", name: "churn", version: 1 }],
    ["models:/churn/production", { artifactUri: "s3://b/1", name: "churn", version: 1 }],
    ["models:/churn/Staging", { artifactUri: "s3://b/2", name: "churn", version: 2 }],
    ["models:/churn/latest", { artifactUri: "s3://b/3", name: "churn", version: 3 }],
    ["models:/m-abc", { artifactUri: "mlflow-artifacts:/1/models/m-abc/artifacts" }],
  ])("%s", async (uri, expected) => {
    expect(await resolveModelsUri(uri, lookup)).toEqual(expected);
  });

  it.each([
    ["models:/churn/9", "RESOURCE_DOES_NOT_EXIST", "Model Version (name=churn, version=9) not found"],
    ["models:/churn/99999999999", "RESOURCE_DOES_NOT_EXIST", "Model Version (name=churn, version=99999999999) not found"],
    ["models:/churn@nobody", "INVALID_PARAMETER_VALUE", "Registered model alias nobody not found."],
    ["models:/churn/Archived", "RESOURCE_DOES_NOT_EXIST", "No versions of model with name 'churn' and stage 'Archived' found"],
    ["models:/other/latest", "RESOURCE_DOES_NOT_EXIST", "No versions of model with name 'other' and stage 'latest' found"],
    ["models:/churn/Live", "INVALID_PARAMETER_VALUE", "Invalid Model Version stage: Live. Value must be one of None, Staging, Production, Archived."],
    ["models:/m-missing", "RESOURCE_DOES_NOT_EXIST", "Logged model with ID 'm-missing' not found."],
  ])("%s → %s", async (uri, code, message) => {
    const error = await resolveModelsUri(uri, lookup).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlflowError);
    expect({ code: (error as MlflowError).code, message: (error as MlflowError).message }).toEqual({ code, message });
  });
});
