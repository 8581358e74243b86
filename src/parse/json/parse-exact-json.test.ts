import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EdgarSyntaxError } from '../../core/edgar-syntax-error.js';
import { decimalParts, isExactDouble, JsonDecimal, parseExactJson, parseJsonIfExact } from './parse-exact-json.js';

/** The value with each JsonDecimal as JSON.parse reads its text. */
function asParsed(value: unknown): unknown {
  if (value instanceof JsonDecimal) return Number(value.text);
  if (Array.isArray(value)) return value.map(asParsed);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asParsed(item)]));
  return value;
}

function holdsDecimal(value: unknown): boolean {
  if (value instanceof JsonDecimal) return true;
  if (typeof value === 'object' && value !== null) return Object.values(value).some(holdsDecimal);
  return false;
}

describe('parseExactJson', () => {
  it('reads what JSON.parse reads, to the same value, a number a double cannot hold kept as its text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        expect(asParsed(parseExactJson(text).value)).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses what JSON.parse refuses, and reads what it reads, on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'{}[]",:0123456789.eE-+ tfnrulase\\\n'.split('')), maxLength: 30 }), (text) => {
        let expected: unknown;
        let refused = false;
        try {
          expected = JSON.parse(text);
        } catch {
          refused = true;
        }
        if (refused) expect(() => parseExactJson(text)).toThrow(EdgarSyntaxError);
        else {
          const got = parseExactJson(text).value;
          // Numbers past a double's precision are the one difference, by design.
          if (!JSON.stringify(got).includes('"')) expect(got).toEqual(expected);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the text of numbers a double cannot hold exactly, and only those', () => {
    const text =
      '[9007199254740992, 9007199254740993, 24578000000, -4.92, 0.1, 123456789012345678901234567890, 0.30000000000000000001, 1e400, 1.5e3, -0]';
    const value = parseExactJson(text).value as unknown[];
    expect(value.slice(0, 1)).toEqual([9007199254740992]);
    expect(value[1]).toEqual(new JsonDecimal('9007199254740993'));
    expect(value.slice(2, 5)).toEqual([24578000000, -4.92, 0.1]);
    expect(value[5]).toEqual(new JsonDecimal('123456789012345678901234567890'));
    expect(value[6]).toEqual(new JsonDecimal('0.30000000000000000001'));
    expect(value[7]).toEqual(new JsonDecimal('1e400'));
    expect(value[8]).toBe(1500);
    expect(Object.is(value[9], -0)).toBe(true);
  });

  it('says what and where: line, column and the JSON path', () => {
    const text = '{"facts": {"us-gaap": {"Revenues": {"units": {"USD": [\n  {"val": 1,}\n]}}}}}';
    try {
      parseExactJson(text, { source: 'CIK0001318605.json' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EdgarSyntaxError);
      const syntax = error as EdgarSyntaxError;
      expect(syntax.code).toBe('json/syntax');
      expect(syntax.line).toBe(2);
      expect(syntax.column).toBe(13);
      expect(syntax.message).toBe(
        'CIK0001318605.json:2:13: $.facts["us-gaap"].Revenues.units.USD[0]: expected a key in double quotes, found "}\\n]}}}}}"',
      );
    }
  });

  it('refuses an unclosed string, a raw control character, a bad escape, a trailing value and deep nesting', () => {
    expect(() => parseExactJson('{"a": "open')).toThrow(/a string is never closed/);
    expect(() => parseExactJson('["a\tb"]')).toThrow(/control character/);
    expect(() => parseExactJson('["\\x"]')).toThrow(/invalid escape/);
    expect(() => parseExactJson('{} {}')).toThrow(/expected the end of the input/);
    expect(() => parseExactJson('[01]')).toThrow(/expected "," or "]"/);
    expect(() => parseExactJson('[1.]')).toThrow(/expected a digit after the decimal point/);
    expect(() => parseExactJson(`${'['.repeat(65)}${']'.repeat(65)}`)).toThrow(/nest more than 64 deep/);
    expect(parseExactJson(`${'['.repeat(64)}${']'.repeat(64)}`).value).toBeDefined();
  });

  it('takes a key named __proto__ as a key, and escapes as JSON.parse does', () => {
    const value = parseExactJson('{"__proto__": {"x": 1}, "s": "a\\"b\\\\\\u00e9"}').value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 's']);
    expect(value.s).toBe('a"b\\é');
  });

  it('runs in linear time on hostile shapes', () => {
    // Many short strings after one backslash far ahead, and a long run of digits: each scanned once.
    const strings = `[${'"ab",'.repeat(200_000)}"\\n"]`;
    const digits = `[${'1'.repeat(2_000_000)}]`;
    // Long runs of zeros inside a number, and escaped quotes of a string that never closes.
    const zeros = `[1${'0'.repeat(1_000_000)}1, 0.${'0'.repeat(1_000_000)}1, 1${'0'.repeat(1_000_000)}]`;
    const unclosed = `["${'\\"'.repeat(500_000)}`;
    const started = performance.now();
    expect((parseExactJson(strings).value as unknown[]).length).toBe(200_001);
    expect((parseExactJson(digits).value as unknown[])[0]).toBeInstanceOf(JsonDecimal);
    expect((parseExactJson(zeros).value as unknown[]).every((item) => item instanceof JsonDecimal)).toBe(true);
    expect(parseJsonIfExact(zeros)).toBeUndefined();
    expect(() => parseExactJson(unclosed)).toThrow(/a string is never closed/);
    expect(parseJsonIfExact(unclosed)).toBeUndefined();
    expect(decimalParts(`1${'0'.repeat(1_000_000)}1`)?.digits.length).toBe(1_000_002);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('parseJsonIfExact', () => {
  it("gives the exact reader's value whenever every number is exact, and nothing otherwise", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        const exact = parseExactJson(text).value;
        expect(parseJsonIfExact(text)?.value).toEqual(holdsDecimal(exact) ? undefined : exact);
      }),
      { numRuns: 300 },
    );
    expect(parseJsonIfExact('{"val": 9007199254740993}')).toBeUndefined();
    expect(parseJsonIfExact('{"text": "9007199254740993 \\" 1e400", "val": 1}')?.value).toEqual({
      text: '9007199254740993 " 1e400',
      val: 1,
    });
    expect(parseJsonIfExact('{"val": 1,}')).toBeUndefined();
  });
});

/** Whether a decimal text names exactly the integer a double holds. */
function decimalEquals(text: string, value: number): boolean {
  const parts = decimalParts(text);
  if (!parts || parts.exponent < 0) return false;
  return BigInt(`${parts.negative ? '-' : ''}${parts.digits || '0'}${'0'.repeat(parts.exponent)}`) === BigInt(value);
}

describe('isExactDouble', () => {
  it('is true exactly when the shortest text of the double names the same decimal', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        // An integer by its exact digits; a fraction by its shortest text.
        expect(isExactDouble(Number.isInteger(value) ? BigInt(value).toString() : String(value), value)).toBe(true);
        // The shortest text of an integer is exact only when it names the double's own integer.
        if (Number.isInteger(value)) expect(isExactDouble(String(value), value)).toBe(decimalEquals(String(value), value));
      }),
    );
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }), (value) => {
        const text = value.toString();
        expect(isExactDouble(text, Number(text))).toBe(BigInt(Number(text)) === value);
      }),
    );
    expect(isExactDouble('0.000000000000000000000000000000000000000000000000000000000000000000000000000000000001', 1e-84)).toBe(true);
    expect(isExactDouble('1e-400', 0)).toBe(false);
    // The shortest text of a double past 2^53 may name another integer than the double's own.
    expect(isExactDouble('30023997515803310', 30023997515803310)).toBe(false);
    expect(isExactDouble('1e21', 1e21)).toBe(true);
  });

  it('reads decimal parts without superfluous zeros', () => {
    expect(decimalParts('-0012.3400e2')).toEqual({ negative: true, digits: '1234', exponent: 0 });
    expect(decimalParts('1e+21')).toEqual({ negative: false, digits: '1', exponent: 21 });
    expect(decimalParts('-0.0')).toEqual({ negative: false, digits: '', exponent: 0 });
    expect(decimalParts('1e9999999999')).toBeNull();
  });
});
