import { MODES, type ModeId } from '../modes.ts';

export function ModePicker({ value, onChange }: { value: ModeId; onChange(id: ModeId): void }) {
  return (
    <div className="modes">
      {MODES.map((mode) => (
        <button
          type="button"
          aria-pressed={mode.id === value}
          className={`mode ${mode.id === value ? 'mode--active' : ''}`}
          key={mode.id}
          data-testid={`mode-${mode.id}`}
          onClick={() => onChange(mode.id)}
        >
          <span className="mode__title">{mode.title}</span>
          <span className="mode__summary">{mode.summary}</span>
          <span className="mode__headers">
            {mode.headers.map((header) => (
              <span className="chip mono" key={header}>
                {header}
              </span>
            ))}
          </span>
        </button>
      ))}
    </div>
  );
}
