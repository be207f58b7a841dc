import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import styles from "./markdown.module.css";

/**
 * Markdown written by users (notes, README artifacts). Raw HTML in it is dropped, never rendered
 * (no rehype-raw), and react-markdown's URL filter removes javascript: and similar links, so a
 * note cannot run script in this page.
 */
export function Markdown({ source }: { source: string }) {
  return (
    <div className={styles.markdown}>
      <ReactMarkdown remarkPlugins={[remarkGfm]} skipHtml>
        {source}
      </ReactMarkdown>
    </div>
  );
}
