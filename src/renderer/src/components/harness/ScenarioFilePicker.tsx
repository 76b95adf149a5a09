/**
 * A scenario file of the user's for the harness (JSON or YAML, the format of
 * harness/scenario.schema.json), read and validated here with the same parser as the CLI, so a bad
 * file is refused before it is sent, naming the place of each problem.
 */
import { useState } from 'react';
import type { ScenarioFile } from '@api/harness.ts';
import { parseScenarioFile } from '@api/scenarioFile.ts';
import { useI18n } from '../../i18n/index.tsx';
import { HARNESS_TID } from '../../testids.ts';

/** The largest scenario file read (the RP's limit for a run's body is 4 MiB). */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

export function ScenarioFilePicker({ file, onChange }: { file: ScenarioFile | null; onChange(f: ScenarioFile | null): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [input, setInput] = useState(0);

  const read = async (f: File | undefined) => {
    onChange(null);
    setProblems([]);
    if (!f) return;
    setName(f.name);
    if (f.size > MAX_FILE_BYTES) {
      setProblems([t('harness.fileTooLarge', { n: f.size, max: MAX_FILE_BYTES })]);
      return;
    }
    const parsed = parseScenarioFile(await f.text(), f.name);
    if (parsed.ok) onChange(parsed.file);
    else setProblems(parsed.problems);
  };

  return (
    <div className="harness-file">
      <label>
        <span>{t('harness.file')}</span>{' '}
        <input
          key={input}
          type="file"
          accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
          onChange={(e) => void read(e.target.files?.[0])}
          data-testid={HARNESS_TID.file}
        />
      </label>
      {file && (
        <span className="small" data-testid={HARNESS_TID.fileInfo} data-scenarios={file.scenarios.length}>
          {t('harness.fileLoaded', { name, suite: file.suite, n: file.scenarios.length })}{' '}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              onChange(null);
              setInput((n) => n + 1);
            }}
            data-testid={HARNESS_TID.fileClear}
          >
            {t('harness.fileClear')}
          </button>
        </span>
      )}
      {problems.length > 0 && (
        <div className="inline-error" role="alert" data-testid={HARNESS_TID.fileProblems}>
          {t('harness.fileProblems', { name })}
          <ul>
            {problems.map((p) => (
              <li key={p}>
                <code>{p}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
