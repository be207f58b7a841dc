"use client";
import type { EChartsOption } from "echarts";
import Link from "next/link";
import type { ReactNode } from "react";
import { EChart } from "@/app/_components/charts/echart";
import styles from "./dashboard.module.css";

export interface PanelRow {
  label: ReactNode;
  value: string;
  href: string;
  /** Names the link for screen readers and tests, e.g. "3 runs of alice". */
  linkLabel: string;
}

/** One dashboard panel: a chart whose bars lead to their runs, and the same numbers as links. */
export function DashboardPanel(props: {
  title: string;
  note?: ReactNode;
  option?: EChartsOption;
  onItemClick?: (index: number) => void;
  rows: PanelRow[];
  valueHeader: string;
  empty: string;
  wide?: boolean;
  children?: ReactNode;
}) {
  return (
    <section className={`${styles.panel} ${props.wide ? styles.wide : ""}`} aria-label={props.title}>
      <h2 className={styles.panelTitle}>{props.title}</h2>
      {props.note && <p className={styles.note}>{props.note}</p>}
      {props.children}
      {props.rows.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <>
          {props.option && (
            <EChart
              option={props.option}
              onItemClick={props.onItemClick && (({ dataIndex }) => props.onItemClick!(dataIndex))}
              className={styles.chart}
              aria-label={`${props.title} chart`}
            />
          )}
          <table className={styles.rows}>
            <thead>
              <tr>
                <th scope="col" />
                <th scope="col" className={styles.num}>{props.valueHeader}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row, i) => (
                <tr key={i}>
                  <td>{row.label}</td>
                  <td className={styles.num}>
                    <Link href={row.href} aria-label={row.linkLabel}>{row.value}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
