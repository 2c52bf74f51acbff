import { describe, expect, it } from "vitest";
import { evalError, evalJson, evalRaw } from "./test-helpers.js";

describe("Kubernetes CEL libraries", () => {
  it("quantity", () => {
    expect(evalRaw("quantity('1Gi').isGreaterThan(quantity('1G'))")).toBe(true);
    expect(evalRaw("quantity('500m').isLessThan(quantity('1'))")).toBe(true);
    expect(evalRaw("quantity('1') == quantity('1000m')")).toBe(true);
    expect(evalRaw("quantity('1k').compareTo(quantity('999'))")).toBe(1n);
    expect(evalRaw("quantity('1Ki').asInteger()")).toBe(1024n);
    expect(evalRaw("quantity('1.5').isInteger()")).toBe(false);
    expect(evalRaw("quantity('1.5').asApproximateFloat()")).toBe(1.5);
    expect(evalRaw("quantity('1').add(quantity('500m')) == quantity('1.5')")).toBe(true);
    expect(evalRaw("quantity('2').sub(1).asInteger()")).toBe(1n);
    expect(evalRaw("quantity('-3').sign()")).toBe(-1n);
    expect(evalRaw("quantity('1e3').asInteger()")).toBe(1000n);
    expect(evalRaw("isQuantity('10Mi') && !isQuantity('ten')")).toBe(true);
    expect(evalError("quantity('bad')")).toMatch(/quantities must match/);
    expect(evalError("quantity('1.5').asInteger()")).toMatch(/cannot convert value to integer/);
  });

  it("url", () => {
    const u = "url('https://user@example.com:8443/a%20b/c?x=1&x=2&y=z')";
    expect(evalRaw(`${u}.getScheme()`)).toBe("https");
    expect(evalRaw(`${u}.getHost()`)).toBe("example.com:8443");
    expect(evalRaw("url('https://example.com:8443/p').getHostname()")).toBe("example.com");
    expect(evalRaw("url('https://[::1]:80/p').getHostname()")).toBe("::1");
    expect(evalRaw("url('https://example.com:8443/p').getPort()")).toBe("8443");
    expect(evalRaw("url('https://example.com/a b').getEscapedPath()")).toBe("/a%20b");
    expect(evalJson(`${u}.getQuery()`)).toEqual({ x: ["1", "2"], y: ["z"] });
    expect(evalRaw("isURL('/absolute/path') && !isURL('relative/path')")).toBe(true);
    expect(evalError("url('not a url')")).toMatch(/URL parse error/);
  });

  it("ip and cidr", () => {
    expect(evalRaw("ip('10.0.0.1').family()")).toBe(4n);
    expect(evalRaw("ip('2001:db8::1').family()")).toBe(6n);
    expect(evalRaw("ip('127.0.0.1').isLoopback() && ip('::1').isLoopback()")).toBe(true);
    expect(evalRaw("ip('0.0.0.0').isUnspecified()")).toBe(true);
    expect(evalRaw("ip('169.254.1.1').isLinkLocalUnicast() && ip('fe80::1').isLinkLocalUnicast()")).toBe(
      true,
    );
    expect(evalRaw("ip('224.0.0.1').isLinkLocalMulticast() && ip('ff02::1').isLinkLocalMulticast()")).toBe(
      true,
    );
    expect(evalRaw("ip('10.0.0.1').isGlobalUnicast() && !ip('255.255.255.255').isGlobalUnicast()")).toBe(
      true,
    );
    expect(evalRaw("string(ip('2001:DB8:0:0:0:0:0:1'))")).toBe("2001:db8::1");
    expect(evalRaw("ip.isCanonical('2001:db8::1') && !ip.isCanonical('2001:DB8::1')")).toBe(true);
    expect(evalRaw("isIP('1.2.3.4') && !isIP('1.2.3.04') && !isIP('::ffff:1.2.3.4')")).toBe(true);
    expect(evalError("ip('::ffff:1.2.3.4')")).toMatch(/IPv4-mapped/);
    expect(evalRaw("ip('1.2.3.4') == ip('1.2.3.4')")).toBe(true);
    expect(evalRaw("cidr('10.0.0.0/8').containsIP(ip('10.1.2.3'))")).toBe(true);
    expect(evalRaw("cidr('10.0.0.0/8').containsIP('11.0.0.1')")).toBe(false);
    expect(evalRaw("cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16')")).toBe(true);
    expect(evalRaw("cidr('10.0.0.0/16').containsCIDR(cidr('10.0.0.0/8'))")).toBe(false);
    expect(evalRaw("string(cidr('10.1.2.3/8').masked())")).toBe("10.0.0.0/8");
    expect(evalRaw("string(cidr('10.1.2.3/8').ip())")).toBe("10.1.2.3");
    expect(evalRaw("cidr('2001:db8::/32').prefixLength()")).toBe(32n);
    expect(evalRaw("isCIDR('10.0.0.0/33')")).toBe(false);
  });

  it("regex: matches (RE2, unanchored), find, findAll", () => {
    expect(evalRaw("'abc123'.matches('[0-9]+')")).toBe(true);
    expect(evalRaw("'abc'.matches('^[0-9]+$')")).toBe(false);
    expect(evalRaw("matches('abc', 'b')")).toBe(true);
    expect(evalRaw("'abc 123 def 456'.find('[0-9]+')")).toBe("123");
    expect(evalRaw("'abc'.find('[0-9]+')")).toBe("");
    expect(evalJson("'a1b22c333'.findAll('[0-9]+')")).toEqual(["1", "22", "333"]);
    expect(evalJson("'a1b22c333'.findAll('[0-9]+', 2)")).toEqual(["1", "22"]);
    expect(evalError("'a'.matches('(')")).toMatch(/error parsing regexp/);
  });

  it("lists and sets", () => {
    expect(evalRaw("[1, 2, 3].isSorted() && !['b', 'a'].isSorted()")).toBe(true);
    expect(evalRaw("[1, 2, 3].sum()")).toBe(6n);
    expect(evalRaw("[1.5, 2.5].sum()")).toBe(4);
    expect(evalRaw("[].sum()")).toBe(0n);
    expect(evalRaw("[3, 1, 2].min()")).toBe(1n);
    expect(evalRaw("['a', 'c', 'b'].max()")).toBe("c");
    expect(evalRaw("[1, 2, 1].indexOf(1)")).toBe(0n);
    expect(evalRaw("[1, 2, 1].lastIndexOf(1)")).toBe(2n);
    expect(evalRaw("[1, 2].indexOf(5)")).toBe(-1n);
    expect(evalError("[].min()")).toMatch(/empty list/);
    expect(evalRaw("sets.contains([1, 2, 3], [2, 3])")).toBe(true);
    expect(evalRaw("sets.equivalent([1, 2], [2, 1, 1])")).toBe(true);
    expect(evalRaw("sets.intersects([1, 2], [3, 2])")).toBe(true);
  });

  it("strings extension", () => {
    expect(evalRaw("'hello'.charAt(1)")).toBe("e");
    expect(evalRaw("'hello'.charAt(5)")).toBe("");
    expect(evalError("'hello'.charAt(6)")).toBe("index out of range: 6");
    expect(evalRaw("'héllo wörld'.indexOf('wö')")).toBe(6n);
    expect(evalRaw("'hello'.indexOf('l', 3)")).toBe(3n);
    expect(evalRaw("'hello'.lastIndexOf('l')")).toBe(3n);
    expect(evalRaw("'hello'.lastIndexOf('l', 2)")).toBe(2n);
    expect(evalRaw("'ÀbC'.lowerAscii()")).toBe("Àbc");
    expect(evalRaw("'abc'.upperAscii()")).toBe("ABC");
    expect(evalRaw("'a-b-c'.replace('-', '+')")).toBe("a+b+c");
    expect(evalRaw("'a-b-c'.replace('-', '+', 1)")).toBe("a+b-c");
    // Go's strings.Replace: an empty old string matches at the start and after each rune.
    expect(evalRaw("'abc'.replace('', '-')")).toBe("-a-b-c-");
    expect(evalRaw("'aé😀'.replace('', '-', 3)")).toBe("-a-é-😀");
    expect(evalRaw("'a-b-c'.replace('-', '+', -1)")).toBe("a+b+c");
    expect(evalRaw("'a-b-c'.replace('-', '+', 0)")).toBe("a-b-c");
    expect(evalJson("'a,b,c'.split(',')")).toEqual(["a", "b", "c"]);
    expect(evalJson("'a,b,c'.split(',', 2)")).toEqual(["a", "b,c"]);
    expect(evalJson("'a,b'.split(',', 0)")).toEqual([]);
    // An empty separator splits into runes, as Go's strings.Split does, not into UTF-16 units.
    expect(evalJson("'😀a'.split('')")).toEqual(["😀", "a"]);
    expect(evalRaw("'tacocat'.substring(4)")).toBe("cat");
    expect(evalRaw("'tacocat'.substring(0, 4)")).toBe("taco");
    expect(evalError("'abc'.substring(2, 1)")).toBe("invalid substring range. start: 2, end: 1");
    expect(evalError("'abc'.substring(4)")).toBe("index out of range: 4");
    expect(evalError("'abc'.indexOf('a', 3)")).toBe("index out of range: 3");
    expect(evalRaw("'abc'.indexOf('', 10)")).toBe(10n);
    // Strings order by their UTF-8 bytes, as Go's do: U+E000 before U+1F600.
    expect(evalRaw("'\\uE000' < '😀' && ['😀', '\\uE000'].max() == '😀'")).toBe(true);
    // Indexes count runes (code points), as cel-go's do, not UTF-16 units.
    expect(evalRaw("'😀abc'.indexOf('a')")).toBe(1n);
    expect(evalRaw("'😀a😀bc'.indexOf('b', 2)")).toBe(3n);
    expect(evalRaw("'a😀bc😀'.lastIndexOf('😀')")).toBe(4n);
    expect(evalRaw("'a😀bc😀'.lastIndexOf('😀', 3)")).toBe(1n);
    expect(evalRaw("'😀abc'.charAt(0)")).toBe("😀");
    expect(evalRaw("'😀abc'.charAt(4)")).toBe("");
    expect(evalRaw("'😀abc'.substring(1)")).toBe("abc");
    expect(evalRaw("'x😀abc'.substring(1, 2)")).toBe("😀");
    expect(evalRaw("'  \\t trim\\n '.trim()")).toBe("trim");
    expect(evalRaw("['a', 'b'].join()")).toBe("ab");
    expect(evalRaw("['a', 'b'].join(', ')")).toBe("a, b");
    expect(evalRaw("strings.quote('a\"b\\n')")).toBe('"a\\"b\\n"');
    // cel-go leaves NUL as it is (@bufbuild/cel wrote \0) and escapes \a, \f and \v.
    expect(evalRaw("strings.quote('a\\u0000b\\a\\f\\v')")).toBe('"a\u0000b\\a\\f\\v"');
    expect(evalRaw("size('héllo')")).toBe(5n);
    expect(evalRaw("'héllo'.size()")).toBe(5n);
    expect(evalRaw("'abc'.contains('b') && 'abc'.startsWith('ab') && 'abc'.endsWith('bc')")).toBe(true);
  });

  it("format", () => {
    expect(evalRaw("'%s is %d years, %.2f m'.format(['Ann', 30, 1.756])")).toBe("Ann is 30 years, 1.76 m");
    // cel-spec's conformance suite: strings inside lists are not quoted.
    expect(evalRaw("'%s'.format([[1, 'a']])")).toBe("[1, a]");
    expect(evalRaw("'%x %X %o %b'.format([255, 255, 8, 5])")).toBe("ff FF 10 101");
    expect(evalRaw("'100%%'.format([])")).toBe("100%");
    expect(evalRaw("'%e'.format([1234.5])")).toBe("1.234500e+03");
    expect(evalError("'%d'.format(['x'])")).toMatch(/invalid integer value/);
    expect(evalError("'%s %s'.format(['x'])")).toMatch(/too few arguments/);
  });

  it("semver", () => {
    expect(evalRaw("semver('1.2.3').major()")).toBe(1n);
    expect(evalRaw("semver('1.2.3').minor() == 2 && semver('1.2.3').patch() == 3")).toBe(true);
    expect(evalRaw("semver('1.2.3').isLessThan(semver('1.10.0'))")).toBe(true);
    expect(evalRaw("semver('1.0.0-alpha').isLessThan(semver('1.0.0'))")).toBe(true);
    expect(evalRaw("semver('1.0.0-alpha.2').compareTo(semver('1.0.0-alpha.10'))")).toBe(-1n);
    expect(evalRaw("semver('2.0.0').isGreaterThan(semver('1.9.9'))")).toBe(true);
    expect(evalRaw("isSemver('1.2.3') && !isSemver('v1.2') && isSemver('v1.2', true)")).toBe(true);
    expect(evalRaw("semver('v1.2', true) == semver('1.2.0')")).toBe(true);
    expect(evalError("semver('nope')")).toMatch(/could not parse semver/);
  });
});
