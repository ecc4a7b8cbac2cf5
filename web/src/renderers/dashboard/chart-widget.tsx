// Bar, line and pie widgets (recharts), each with its numbers as a table for screen readers.
import { Bar, BarChart, CartesianGrid, Cell, Line, LineChart, Pie, PieChart, Tooltip, XAxis, YAxis } from "recharts";
import { formatCurrency, formatNumber } from "../shared/format";
import type { ChartPoint } from "./metric-path";

export type ChartKind = "bar" | "line" | "pie";
const PALETTE = 6;
const size = { width: "100%", height: 220 } as const;

function Chart({ kind, points }: { kind: ChartKind; points: ChartPoint[] }) {
  if (kind === "pie") {
    return (
      <PieChart responsive style={size}>
        <Pie data={points} dataKey="value" nameKey="name" innerRadius="45%" outerRadius="80%" isAnimationActive={false}>
          {points.map((p, i) => (
            <Cell key={p.name} className={`chart-color-${i % PALETTE}`} />
          ))}
        </Pie>
        <Tooltip />
      </PieChart>
    );
  }
  const axes = (
    <>
      <CartesianGrid strokeDasharray="3 3" className="chart-grid" />
      <XAxis dataKey="name" tickLine={false} interval={0} fontSize={12} />
      <YAxis allowDecimals={false} width={40} fontSize={12} />
      <Tooltip />
    </>
  );
  return kind === "bar" ? (
    <BarChart data={points} responsive style={size}>
      {axes}
      <Bar dataKey="value" name="Count" className="chart-color-0" isAnimationActive={false} />
    </BarChart>
  ) : (
    <LineChart data={points} responsive style={size}>
      {axes}
      <Line dataKey="value" name="Count" className="chart-line" isAnimationActive={false} />
    </LineChart>
  );
}

export function ChartWidget({ kind, points, title }: { kind: ChartKind; points: ChartPoint[]; title: string }) {
  if (points.length === 0) return <p className="muted">No data yet.</p>;
  const money = points.some((p) => p.amount !== null);
  return (
    <>
      <div className="chart" aria-hidden="true">
        <Chart kind={kind} points={points} />
        {/* Our own legend: its swatches take the same theme colours as the slices (recharts' would be grey). */}
        {kind === "pie" && (
          <ul className="chart-legend">
            {points.map((p, i) => (
              <li key={p.name}>
                <span className={`chart-swatch chart-bg-${i % PALETTE}`} />
                {p.name} <span className="muted">{formatNumber(p.value)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Count</th>
            {money && <th scope="col">Value</th>}
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.name}>
              <th scope="row">{p.name}</th>
              <td>{formatNumber(p.value)}</td>
              {money && <td>{formatCurrency(p.amount)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
