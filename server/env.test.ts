import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { readConfig } from "./env";

describe("readConfig: artifact settings", () => {
  it("defaults to serving ./mlartifacts through the proxy, runs under mlflow-artifacts:/", () => {
    const config = readConfig({});
    expect({ ...config, dataDir: undefined, s3: undefined }).toMatchObject({
      artifactsDestination: pathToFileURL(path.resolve("mlartifacts")).href,
      serveArtifacts: true,
      artifactsOnly: false,
      defaultArtifactRoot: "mlflow-artifacts:/",
    });
    expect(config.s3).toEqual({ endpoint: undefined, region: "us-east-1", forcePathStyle: false });
  });

  it("gives runs the destination's own URI when the proxy is off", () => {
    expect(readConfig({ MLFLOW_SERVE_ARTIFACTS: "false", MLFLOW_ARTIFACTS_DESTINATION: "s3://bucket/prefix/" })).toMatchObject({
      artifactsDestination: "s3://bucket/prefix",
      serveArtifacts: false,
      defaultArtifactRoot: "s3://bucket/prefix",
    });
    expect(readConfig({ MLFLOW_SERVE_ARTIFACTS: "0", METRON_ARTIFACTS_DIR: "/srv/art" })).toMatchObject({
      defaultArtifactRoot: "file:///srv/art",
    });
  });

  it("lets MLFLOW_ARTIFACTS_DESTINATION win over METRON_ARTIFACTS_DIR, and an explicit root over both", () => {
    expect(
      readConfig({ METRON_ARTIFACTS_DIR: "/a", MLFLOW_ARTIFACTS_DESTINATION: "/b", MLFLOW_DEFAULT_ARTIFACT_ROOT: "s3://other/root/" }),
    ).toMatchObject({ artifactsDestination: "file:///b", defaultArtifactRoot: "s3://other/root" });
  });

  it("reads S3 settings: a custom endpoint means path-style unless told otherwise", () => {
    expect(readConfig({ MLFLOW_S3_ENDPOINT_URL: "http://127.0.0.1:9000", AWS_DEFAULT_REGION: "eu-west-1" }).s3).toEqual({
      endpoint: "http://127.0.0.1:9000",
      region: "eu-west-1",
      forcePathStyle: true,
    });
    expect(readConfig({ MLFLOW_S3_ENDPOINT_URL: "http://minio:9000", METRON_S3_FORCE_PATH_STYLE: "False", AWS_REGION: "ap-south-1" }).s3).toEqual({
      endpoint: "http://minio:9000",
      region: "ap-south-1",
      forcePathStyle: false,
    });
  });

  it.each([
    [{ MLFLOW_ARTIFACTS_ONLY: "true", MLFLOW_SERVE_ARTIFACTS: "false" }, "Invalid configuration: --artifacts-only cannot be combined with --no-serve-artifacts"],
    [{ MLFLOW_SERVE_ARTIFACTS: "yes" }, "Invalid configuration: MLFLOW_SERVE_ARTIFACTS: expected true or false"],
    [{ MLFLOW_ARTIFACTS_DESTINATION: "hdfs://nn/x" }, "Invalid configuration: unsupported artifacts destination 'hdfs://nn/x' (use a folder, file://, s3://, wasbs://, gs:// or sftp://)"],
  ])("refuses %j", (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });
});

it.each(["wasbs://box@acct.blob.core.windows.net/mlflow", "gs://bucket/mlflow", "sftp://me@host:2222/srv/mlflow"])("takes %s as the artifacts destination", (uri) => {
  expect(readConfig({ MLFLOW_ARTIFACTS_DESTINATION: `${uri}/` }).artifactsDestination).toBe(uri);
});

describe("readConfig: MLFLOW_CREATE_MODEL_VERSION_SOURCE_VALIDATION_REGEX", () => {
  it("becomes the pattern model version sources must match", () => {
    expect(readConfig({}).modelVersionSourcePattern).toBeUndefined();
    const pattern = readConfig({ MLFLOW_CREATE_MODEL_VERSION_SOURCE_VALIDATION_REGEX: "^s3://models/" }).modelVersionSourcePattern!;
    expect([pattern.test("s3://models/churn"), pattern.test("s3://other/churn")]).toEqual([true, false]);
  });

  it("refuses a pattern that does not compile", () => {
    expect(() => readConfig({ MLFLOW_CREATE_MODEL_VERSION_SOURCE_VALIDATION_REGEX: "(" })).toThrow(
      /^Invalid configuration: MLFLOW_CREATE_MODEL_VERSION_SOURCE_VALIDATION_REGEX: /,
    );
  });
});

describe("readConfig: auth settings", () => {
  it("is off by default, and takes the first admin's name and password only together when on", () => {
    expect(readConfig({}).auth).toEqual({ enabled: false, adminUsername: undefined, adminPassword: undefined, defaultPermission: "READ" });
    expect(readConfig({ METRON_AUTH: "true", METRON_ADMIN_USERNAME: "root", METRON_ADMIN_PASSWORD: "pw" }).auth).toEqual({
      enabled: true,
      adminUsername: "root",
      adminPassword: "pw",
      defaultPermission: "READ",
    });
    const half = "Invalid configuration: METRON_ADMIN_USERNAME and METRON_ADMIN_PASSWORD are set together (the first admin's name and password)";
    expect(() => readConfig({ METRON_AUTH: "true", METRON_ADMIN_USERNAME: "root" })).toThrow(half);
    expect(() => readConfig({ METRON_AUTH: "1", METRON_ADMIN_PASSWORD: "pw" })).toThrow(half);
    expect(readConfig({ METRON_ADMIN_USERNAME: "root" }).auth.enabled).toBe(false); // auth off: unchanged behaviour
  });
});

describe("readConfig: DATABASE_URL", () => {
  it.each([
    "postgresql://postgres@127.0.0.1:5432/metron",
    "postgres://user:p%40ss@db/metron?sslmode=require",
    "postgresql://u@h1:5432,h2:5433/metron?target_session_attrs=read-write",
    "postgresql://u@[::1]:5432/metron",
    "postgresql://u:pa@ss@db:6543/metron",
  ])("accepts %s", (url) => {
    expect(readConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it.each([
    ["a port that is not a number", "postgresql://user@db:notaport/mlflow"],
    ["port 0", "postgresql://db:0/mlflow"],
    ["a port past 65535", "postgresql://db:70000/mlflow"],
    ["one bad host of several", "postgresql://h1:5432,h2:x/metron"],
  ])("refuses %s", (_, url) => {
    expect(() => readConfig({ DATABASE_URL: url })).toThrow(
      "Invalid configuration: DATABASE_URL: DATABASE_URL has an invalid URL: each host's port must be a number from 1 to 65535",
    );
  });
});

describe("readConfig: METRON_DRAIN_TIMEOUT", () => {
  it("is 10 seconds unless set; any number of seconds from 0 to 3600 is taken", () => {
    expect(readConfig({}).drainTimeoutSeconds).toBe(10);
    expect(readConfig({ METRON_DRAIN_TIMEOUT: "" }).drainTimeoutSeconds).toBe(10);
    expect(readConfig({ METRON_DRAIN_TIMEOUT: "0" }).drainTimeoutSeconds).toBe(0);
    expect(readConfig({ METRON_DRAIN_TIMEOUT: "2.5" }).drainTimeoutSeconds).toBe(2.5);
    expect(readConfig({ METRON_DRAIN_TIMEOUT: "3600" }).drainTimeoutSeconds).toBe(3600);
  });

  it.each([
    ["ten", "Invalid configuration: METRON_DRAIN_TIMEOUT: expected a number of seconds"],
    ["-1", "Invalid configuration: METRON_DRAIN_TIMEOUT: expected a number of seconds from 0 to 3600"],
    ["3601", "Invalid configuration: METRON_DRAIN_TIMEOUT: expected a number of seconds from 0 to 3600"],
  ])("refuses %s", (value, message) => {
    expect(() => readConfig({ METRON_DRAIN_TIMEOUT: value })).toThrow(message);
  });
});

describe("readConfig: METRON_ARTIFACT_STORE_TIMEOUT", () => {
  it("is 10 seconds unless set; any number of seconds above 0, at most 300, is taken", () => {
    expect(readConfig({}).artifactStoreTimeoutSeconds).toBe(10);
    expect(readConfig({ METRON_ARTIFACT_STORE_TIMEOUT: "" }).artifactStoreTimeoutSeconds).toBe(10);
    expect(readConfig({ METRON_ARTIFACT_STORE_TIMEOUT: "0.5" }).artifactStoreTimeoutSeconds).toBe(0.5);
    expect(readConfig({ METRON_ARTIFACT_STORE_TIMEOUT: "300" }).artifactStoreTimeoutSeconds).toBe(300);
  });

  it.each(["ten", "0", "-1", "301"])("refuses %s", (value) => {
    expect(() => readConfig({ METRON_ARTIFACT_STORE_TIMEOUT: value })).toThrow(/^Invalid configuration: METRON_ARTIFACT_STORE_TIMEOUT: expected a number of seconds/);
  });
});

describe("readConfig: read replica", () => {
  const primary = "postgres://db-primary/metron";
  it("is off unless METRON_READ_DATABASE_URL is set", () => {
    expect(readConfig({ DATABASE_URL: primary }).readReplica).toBeUndefined();
  });

  it("reads the replica's URL and lag limit (5 s by default)", () => {
    expect(readConfig({ DATABASE_URL: primary, METRON_READ_DATABASE_URL: "postgresql://db-standby/metron" }).readReplica).toEqual({
      url: "postgresql://db-standby/metron",
      maxLagMs: 5_000,
    });
    expect(readConfig({ DATABASE_URL: primary, METRON_READ_DATABASE_URL: "postgres://s/m", METRON_READ_REPLICA_MAX_LAG_MS: "250" }).readReplica?.maxLagMs).toBe(250);
  });

  it("refuses a replica without a primary, a URL that is not PostgreSQL's, and a lag limit under 100 ms", () => {
    expect(() => readConfig({ METRON_READ_DATABASE_URL: "postgres://s/m" })).toThrow(
      "Invalid configuration: METRON_READ_DATABASE_URL (a read replica) needs DATABASE_URL (its primary)",
    );
    expect(() => readConfig({ DATABASE_URL: primary, METRON_READ_DATABASE_URL: "mysql://s/m" })).toThrow(
      "METRON_READ_DATABASE_URL: METRON_READ_DATABASE_URL must be a postgres:// or postgresql:// URL",
    );
    expect(() => readConfig({ DATABASE_URL: primary, METRON_READ_DATABASE_URL: "postgres://s/m", METRON_READ_REPLICA_MAX_LAG_MS: "50" })).toThrow(
      "METRON_READ_REPLICA_MAX_LAG_MS",
    );
  });
});
