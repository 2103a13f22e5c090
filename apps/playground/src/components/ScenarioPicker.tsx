import type { Expectation, Mode } from '../modes.ts';

const EXPECT_LABEL: Record<Expectation, string> = {
  accepted: 'accepted',
  refused: 'refused',
  retried: 'refused, then retried',
};

export function ScenarioPicker({
  mode,
  value,
  onChange,
}: {
  mode: Mode;
  value: string;
  onChange(id: string): void;
}) {
  const current = mode.scenarios.find((scenario) => scenario.id === value);
  return (
    <section className="card">
      <h3>Scenario</h3>
      <div className="scenarios">
        {mode.scenarios.map((scenario) => (
          <button
            type="button"
            aria-pressed={scenario.id === value}
            className={`scenario ${scenario.id === value ? 'scenario--active' : ''}`}
            key={scenario.id}
            data-testid={`scenario-${scenario.id}`}
            onClick={() => onChange(scenario.id)}
          >
            <span className={`dot dot--${scenario.expect}`} />
            {scenario.label}
          </button>
        ))}
      </div>
      {current && (
        <p className="scenario__description">
          {current.description}{' '}
          <span className={`expect expect--${current.expect}`}>
            Expect: {EXPECT_LABEL[current.expect]}
          </span>
        </p>
      )}
    </section>
  );
}
