import { describe, expect, it } from 'vitest';
import { LINEAR_RATIO, scalingRatio } from '../../../test/scaling.js';
import { renderText } from '../../render/render-text.js';
import { MAX_OPEN_ELEMENTS } from './bounded-parser.js';
import { parseHtmlDocument } from './parse-html-document.js';

const nestedTables = (n: number): string => `${'<table><tr><td>'.repeat(n)}deep text`;

describe('deeply nested HTML', () => {
  it('keeps the text and says the nesting was bounded', () => {
    const model = parseHtmlDocument(nestedTables(1000));
    expect(renderText(model)).toContain('deep text');
    const found = model.diagnostics.find((item) => item.code === 'html/nesting-too-deep');
    expect(found?.message).toContain(String(MAX_OPEN_ELEMENTS));
    expect(found?.offset).toBeGreaterThan(0);
  });

  it('says nothing at the depths real filings use', () => {
    const model = parseHtmlDocument(`${'<div>'.repeat(60)}text${'</div>'.repeat(60)}`);
    expect(model.diagnostics.some((item) => item.code === 'html/nesting-too-deep')).toBe(false);
    expect(renderText(model)).toBe('text\n');
  });

  it('parses <table><tr><td> nesting in linear time', () => {
    const { ratio, small, large } = scalingRatio(nestedTables, (html) => parseHtmlDocument(html), 4000, 3);
    expect(ratio, `${small.toFixed(1)} ms -> ${large.toFixed(1)} ms`).toBeLessThan(LINEAR_RATIO);
  });

  it('parses end tags that match no open element in linear time', () => {
    const make = (n: number): string => `${'<div>'.repeat(n)}x${'</span>'.repeat(n)}`;
    const { ratio, small, large } = scalingRatio(make, (html) => parseHtmlDocument(html), 16000, 5);
    expect(ratio, `${small.toFixed(1)} ms -> ${large.toFixed(1)} ms`).toBeLessThan(LINEAR_RATIO);
  });

  it('parses self-closed foreign elements in linear time', () => {
    const make = (n: number): string => `${'<svg/>'.repeat(n)}x`;
    const { ratio, small, large } = scalingRatio(make, (html) => parseHtmlDocument(html), 40000, 5);
    expect(ratio, `${small.toFixed(1)} ms -> ${large.toFixed(1)} ms`).toBeLessThan(LINEAR_RATIO);
  });
});
