import { Input } from "@fluentui/react-components";
import { useState } from "react";

/** "3" → 3, "-1" → -1; anything else (empty, "-", "1.5") is no number yet. */
export const wholeNumber = (text: string): number | undefined => (/^-?\d+$/.test(text.trim()) ? Number(text) : undefined);

/**
 * A whole number typed as text: the spec changes only when the text is a whole number, so a
 * half-typed "-" stays on screen without becoming 0; leaving the field shows the number again. A
 * value changed from outside (an imported task) replaces the text.
 */
export function WholeNumberInput({ value, onChange }: { value: number; onChange(next: number): void }) {
  const [draft, setDraft] = useState({ text: String(value), of: value });
  if (draft.of !== value) setDraft({ text: String(value), of: value });
  return (
    <Input
      inputMode="numeric"
      value={draft.of === value ? draft.text : String(value)}
      onChange={(_, d) => {
        const n = wholeNumber(d.value);
        setDraft({ text: d.value, of: n ?? value });
        if (n !== undefined && n !== value) onChange(n);
      }}
      onBlur={() => setDraft({ text: String(value), of: value })}
    />
  );
}
