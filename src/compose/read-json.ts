import { type InputDocument, InputSyntaxError, lineStarts, positionAt } from './input-value.js';
import { readYaml } from './read-yaml.js';

/**
 * Reads JSON (RFC 8259) and remembers where every value is. The value is `JSON.parse`'s, so a `.json` file means
 * exactly what JSON says (no comments, no unquoted text: the YAML reader alone would take those); the places of
 * the values, and the refusal of a key given twice (which one wins is a guess in JSON), come from the `yaml`
 * package, which reads JSON as the YAML 1.2 flow syntax it is.
 */
export function readJson(text: string, source = 'input.json'): InputDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const offset = Number(/at position (\d+)/.exec(error.message)?.[1] ?? text.length);
    const { line, column } = positionAt(lineStarts(text), offset);
    const reason = error.message.replace(/\s*(?:in JSON )?at position \d+.*$/s, '').replace(/ \(line \d+ column \d+\)$/, '');
    const found = offset >= text.length ? 'the end of the file' : JSON.stringify(text.slice(offset, offset + 12));
    throw new InputSyntaxError(source, line, column, `Cannot read the JSON: ${lowerFirst(reason)}, found ${found}`);
  }
  let positions: InputDocument['positions'];
  try {
    positions = readYaml(text, source).positions;
  } catch (error) {
    if (error instanceof InputSyntaxError)
      throw new InputSyntaxError(source, error.line, error.column, error.reason.replace('YAML', 'JSON'));
    throw error;
  }
  return { value, positions };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
