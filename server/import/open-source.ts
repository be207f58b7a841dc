import fs from "node:fs";
import path from "node:path";
import type { S3Settings } from "../env";
import { ImportError } from "./import-error";
import type { MlflowSource } from "./model";
import { openFileStoreSource } from "./sources/file-store-source";
import { openRestSource } from "./sources/rest-source";
import { openSqliteSource } from "./sources/sqlite-source";

export interface SourceOptions {
  artifactsFrom?: string;
  trustSchema?: boolean;
  s3: S3Settings;
}

/** SOURCE as `mlflow server --backend-store-uri` spells stores, or a tracking server's URL. */
export async function openSource(uri: string, options: SourceOptions, cwd = process.cwd()): Promise<MlflowSource> {
  if (/^https?:\/\//i.test(uri)) return openRestSource(uri, options);
  const sqlite = /^sqlite:\/\/\/(.*)$/i.exec(uri);
  if (sqlite) return openSqliteSource(path.resolve(cwd, sqlite[1]), options);
  if (/^(postgres(ql)?|mysql|mssql)(\+\w+)?:\/\//i.test(uri)) {
    throw new ImportError(
      `'${uri.replace(/\/\/[^@/]*@/, "//…@")}' is an MLflow database on a server: import through the MLflow tracking ` +
        `server in front of it instead (metron import http://host:5000)`,
    );
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(uri) && !/^file:\/\//i.test(uri)) {
    throw new ImportError(`unsupported source '${uri}': use http(s)://tracking-server, sqlite:///path/mlflow.db or a file store folder (./mlruns)`);
  }
  const dir = path.resolve(cwd, uri.replace(/^file:\/\//i, ""));
  if (!fs.existsSync(dir)) throw new ImportError(`cannot open the MLflow file store: no folder at ${dir}`);
  if (fs.statSync(dir).isFile()) return openSqliteSource(dir, options);
  return openFileStoreSource(dir, options);
}
