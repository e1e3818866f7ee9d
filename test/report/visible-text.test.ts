import { describe, expect, it } from "vitest"
import { neutralizeCell } from "../../src/report/csv-cell.ts"
import { escapeHtml } from "../../src/report/html-text.ts"
import { visibleText } from "../../src/report/visible-text.ts"

describe("visible text", () => {
  it("shows every C0 control, DEL and C1 control as an escape, so an ANSI sequence is text", () => {
    expect(visibleText("1213\u001b[2J")).toBe("1213\\x1b[2J")
    expect(visibleText("a\u0000b\u0007c\u007fd\u0085e\u009b31m")).toBe("a\\x00b\\x07c\\x7fd\\x85e\\x9b31m")
    expect(visibleText("one\r\ntwo\ttab")).toBe("one\\x0d\\x0atwo\\x09tab")
  })

  it("shows the Unicode controls that reorder or break a line as escapes", () => {
    expect(visibleText("abc\u202edcba\u2066x\u2069\u2028y")).toBe("abc\\u202edcba\\u2066x\\u2069\\u2028y")
  })

  it("shows the invisible characters that hide in a name as escapes, and keeps the joiners scripts are spelt with", () => {
    expect(visibleText("ZERO\u200bWIDTH\u2060\ufeff\u200e\u200f\u061c")).toBe("ZERO\\u200bWIDTH\\u2060\\ufeff\\u200e\\u200f\\u061c")
    expect(visibleText("می\u200cخواهم \u0915\u094d\u200d\u0937")).toBe("می\u200cخواهم \u0915\u094d\u200d\u0937")
  })

  it("keeps a tab where the caller says the format shows it", () => {
    expect(visibleText("a\tb\u001b", { keepTab: true })).toBe("a\tb\\x1b")
  })

  it("leaves text without controls as it is, the replacement character and other scripts too", () => {
    const text = "Müller-Lüdenscheidt, 東京 \ufffd 🙂 O'Brien \\x1b"
    expect(visibleText(text)).toBe(text)
  })

  it("RPT-3 a CSV cell shows controls as escapes and still neutralises a formula", () => {
    expect(neutralizeCell("1213\u001b[2J")).toBe("1213\\x1b[2J")
    expect(neutralizeCell("\r=1+1")).toBe("\\x0d=1+1")
    expect(neutralizeCell("\t=1+1")).toBe("'\t=1+1")
    expect(neutralizeCell("=1+1\u001b")).toBe("'=1+1\\x1b")
  })

  it("RPT-3 a CSV cell keeps a number the program computed as a number, and still neutralises text that looks like one", () => {
    expect(neutralizeCell(-8.5508)).toBe("-8.5508")
    expect(neutralizeCell(0.25)).toBe("0.25")
    expect(neutralizeCell("-8.5508")).toBe("'-8.5508")
    expect(neutralizeCell("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0")
  })

  it("HTML text shows controls as escapes as well as escaping markup", () => {
    expect(escapeHtml("<b>\u001b[2J</b>")).toBe("&lt;b&gt;\\x1b[2J&lt;/b&gt;")
  })
})
