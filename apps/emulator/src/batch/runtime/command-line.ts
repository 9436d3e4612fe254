/**
 * Batch does not run command lines through a shell ("cannot take advantage of shell features such
 * as environment variable expansion"): it splits them into argv with quote handling only. This is
 * the POSIX word-splitting subset: blanks separate words, '…' is literal, "…" honours \" \\ \$ \`
 * escapes, a backslash outside quotes escapes the next character. `$VAR` stays as written, which
 * is why the Microsoft Learn container example wraps its command in `/bin/sh -c "…"`.
 */
export class CommandLineError extends Error {}

export function splitCommandLine(commandLine: string): string[] {
  const argv: string[] = [];
  let word = "";
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < commandLine.length; i++) {
    const c = commandLine[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === "\\" && i + 1 < commandLine.length && '"\\$`'.includes(commandLine[i + 1]!))
        word += commandLine[++i];
      else word += c;
      continue;
    }
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      if (inWord) argv.push(word);
      word = "";
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === "'" || c === '"') quote = c;
    else if (c === "\\" && i + 1 < commandLine.length) word += commandLine[++i];
    else word += c;
  }
  if (quote) throw new CommandLineError(`unterminated ${quote} quote in the command line`);
  if (inWord) argv.push(word);
  return argv;
}
