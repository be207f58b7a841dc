import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppHeader } from "./_components/shell/app-header";
import { THEME_BOOT_SCRIPT } from "./_components/shell/theme";
import { Providers } from "./_components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "Metron",
  description: "Experiment tracking that speaks the MLflow API",
};

// data-theme is set by the boot script before React hydrates, hence suppressHydrationWarning.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body>
        <Providers>
          <AppHeader />
          {children}
        </Providers>
      </body>
    </html>
  );
}
