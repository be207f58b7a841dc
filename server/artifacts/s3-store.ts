import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { Readable } from "node:stream";
import type { S3Settings } from "../env";
import { invalidParameter } from "../mlflow-error";
import { byName, type ArtifactEntry, type ArtifactStore, type ByteRange, type MultipartUploadStore } from "./artifact-store";
import type { SafeArtifactPath } from "./safe-path";

// Uploads through the proxy are cut into parts of this size, at most QUEUE_SIZE in flight: that
// bounds the memory one upload takes (~32 MiB) whatever the file size.
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 4;
const PRESIGNED_URL_SECONDS = 3600;
const DELETE_BATCH = 1000; // DeleteObjects takes at most 1000 keys

export function createS3Client(settings: S3Settings): S3Client {
  return new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    // Credentials come from the SDK's default chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
    // AWS_SESSION_TOKEN, profiles, instance roles). Checksums only where S3 requires them: many
    // S3-compatible services reject the newer default trailing checksums.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

/** Artifacts as objects under `s3://bucket/`: a "directory" is a key prefix ending in "/". */
export class S3ArtifactStore implements ArtifactStore {
  readonly uri: string;
  readonly multipart: MultipartUploadStore;

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {
    this.uri = `s3://${bucket}`;
    this.multipart = {
      create: (path, numParts) => this.createMultipart(path, numParts),
      complete: async (path, uploadId, parts) => {
        await this.sendMultipart(
          new CompleteMultipartUploadCommand({
            Bucket: this.bucket,
            Key: this.fileKey(path),
            UploadId: uploadId,
            MultipartUpload: { Parts: [...parts].sort((a, b) => a.partNumber - b.partNumber).map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
          }),
        );
      },
      abort: async (path, uploadId) => {
        await this.sendMultipart(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: this.fileKey(path), UploadId: uploadId }));
      },
    };
  }

  async put(path: SafeArtifactPath, body: Readable, options: { contentType?: string } = {}): Promise<void> {
    // lib-storage sends small bodies as one PutObject and large ones as a multipart upload, which
    // it aborts when the body fails: an interrupted upload never becomes a visible object.
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: this.fileKey(path), Body: body, ContentType: options.contentType },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
      leavePartsOnError: false,
    });
    await upload.done();
  }

  async sizeOf(path: SafeArtifactPath): Promise<number | undefined> {
    if (path === "") return undefined;
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: path }));
      return head.ContentLength ?? 0;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async read(path: SafeArtifactPath, range?: ByteRange): Promise<Readable> {
    const object = await this.client.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: path, Range: range && `bytes=${range.start}-${range.end}` }),
    );
    return object.Body as Readable;
  }

  async list(path: SafeArtifactPath): Promise<ArtifactEntry[]> {
    const prefix = path === "" ? "" : `${path}/`;
    const entries: ArtifactEntry[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, Delimiter: "/", ContinuationToken: continuationToken }),
      );
      for (const common of page.CommonPrefixes ?? []) {
        const name = common.Prefix!.slice(prefix.length, -1);
        if (name !== "") entries.push({ name, isDir: true });
      }
      for (const object of page.Contents ?? []) {
        const name = object.Key!.slice(prefix.length);
        // A key equal to the prefix is a "folder marker" some tools create, not a file.
        if (name !== "") entries.push({ name, isDir: false, size: object.Size ?? 0 });
      }
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
    return entries.sort(byName);
  }

  async delete(path: SafeArtifactPath): Promise<void> {
    const keys: string[] = [];
    if (path !== "") keys.push(path);
    let continuationToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: path === "" ? "" : `${path}/`, ContinuationToken: continuationToken }),
      );
      keys.push(...(page.Contents ?? []).map((o) => o.Key!));
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
    for (let i = 0; i < keys.length; i += DELETE_BATCH) {
      const batch = keys.slice(i, i + DELETE_BATCH);
      await this.client.send(
        new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
      );
    }
  }

  private async createMultipart(path: SafeArtifactPath, numParts: number) {
    const key = this.fileKey(path);
    const created = await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key }));
    const uploadId = created.UploadId!;
    const parts = await Promise.all(
      Array.from({ length: numParts }, async (_, i) => ({
        partNumber: i + 1,
        url: await getSignedUrl(
          this.client,
          new UploadPartCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumber: i + 1 }),
          { expiresIn: PRESIGNED_URL_SECONDS },
        ),
        headers: {},
      })),
    );
    return { uploadId, parts };
  }

  /**
   * Completing or aborting acts on an upload id and part list the client sent: when S3 refuses them
   * (4xx: no such upload, bad ETag) that is bad input, not a server fault clients should retry.
   */
  private async sendMultipart(command: CompleteMultipartUploadCommand | AbortMultipartUploadCommand): Promise<void> {
    try {
      await this.client.send(command as CompleteMultipartUploadCommand);
    } catch (err) {
      const status = err instanceof S3ServiceException ? err.$metadata.httpStatusCode ?? 500 : 500;
      if (status >= 400 && status < 500) throw invalidParameter(`The storage refused the multipart request: ${(err as Error).name}: ${(err as Error).message}`);
      throw err;
    }
  }

  private fileKey(path: SafeArtifactPath): string {
    if (path === "") throw invalidParameter("An artifact upload needs a file path, not the root.");
    return path;
  }
}

function isNotFound(err: unknown): boolean {
  return err instanceof S3ServiceException && (err.$metadata.httpStatusCode === 404 || err.name === "NotFound" || err.name === "NoSuchKey");
}
