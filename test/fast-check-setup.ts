import fc from 'fast-check';

// A property's stated bounds are the sizes it means to try: without this, fast-check keeps arrays and strings near
// ten items even where a test asks for up to 200 (a parser bug showed only at full size).
fc.configureGlobal({ defaultSizeToMaxWhenMaxSpecified: true });
