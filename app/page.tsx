import { ExperimentList } from "./_components/experiment-list";

export default function HomePage() {
  return (
    <main>
      <header>
        <h1>Metron</h1>
        <p className="muted">Experiments and their runs</p>
      </header>
      <ExperimentList />
    </main>
  );
}
