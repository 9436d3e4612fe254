import { describe, expect, it } from "vitest";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { parseTaskSpec, validateTask, type TaskSpecInput } from "@batch-studio/shared";
import { useSpecForm } from "../forms/useSpecForm";
import { ExitConditionsEditor } from "./ExitConditionsEditor";

/** The editor on the one form engine, judged by the shared rules; the value is shown to read back. */
function Harness() {
  const form = useSpecForm<TaskSpecInput>({
    initial: { id: "t", commandLine: "run" },
    validate: (v) => {
      const parsed = parseTaskSpec(v);
      return parsed.ok ? validateTask(parsed.value) : parsed.issues;
    },
  });
  return (
    <FluentProvider theme={webLightTheme}>
      <ExitConditionsEditor
        value={form.value.exitConditions}
        issues={form.shown}
        onChange={(exitConditions, touched) => form.update((s) => ({ ...s, exitConditions }), touched && ["exitConditions", ...touched])}
      />
      <output aria-label="value">{JSON.stringify(form.value.exitConditions ?? null)}</output>
    </FluentProvider>
  );
}

const value = () => JSON.parse(screen.getByRole("status", { name: "value" }).textContent ?? "null");

async function pick(dropdown: string, option: string) {
  await userEvent.click(screen.getByRole("combobox", { name: dropdown }));
  await userEvent.click(await screen.findByRole("option", { name: option }));
}

describe("ExitConditionsEditor", () => {
  it("a range's end below its start is an error at the end once typed, not before", async () => {
    render(<Harness />);
    await userEvent.click(screen.getByRole("button", { name: "Add exit code range" }));
    expect(screen.queryByText(/below its start/)).toBeNull();
    const end = screen.getByRole("textbox", { name: "Range 1 to" });
    await userEvent.clear(end);
    await userEvent.type(end, "0");
    expect(await screen.findByText("The range ends at 0, below its start 1; swap them or fix the end.")).toBeTruthy();
    await userEvent.type(end, "9");
    await waitFor(() => expect(screen.queryByText(/below its start/)).toBeNull());
    expect(value().exitCodeRanges).toEqual([{ start: 1, end: 9, exitOptions: {} }]);
  });

  it("takes a negative exit code as typed (a lone '-' is not 0) and shows a code mapped twice at the later row", async () => {
    render(<Harness />);
    await userEvent.click(screen.getByRole("button", { name: "Add exit code" }));
    await userEvent.click(screen.getByRole("button", { name: "Add exit code" }));
    const second = screen.getByRole("textbox", { name: "Exit code 2" });
    await userEvent.clear(second);
    await userEvent.type(second, "-");
    expect(second).toHaveProperty("value", "-");
    expect(value().exitCodes[1].code).toBe(1);
    await userEvent.type(second, "7");
    expect(value().exitCodes[1].code).toBe(-7);
    expect(screen.queryByText(/overlaps/)).toBeNull();
    await userEvent.clear(second);
    await userEvent.type(second, "1");
    expect(await screen.findByText(/Exit code 1 overlaps exit code 1/)).toBeTruthy();
    await userEvent.type(second, "{Backspace}-7");
    await waitFor(() => expect(screen.queryByText(/overlaps/)).toBeNull());
    await userEvent.click(screen.getByRole("button", { name: "Remove exit code 1" }));
    expect(value().exitCodes).toEqual([{ code: -7, exitOptions: {} }]);
  });

  it("sets and clears an ending's actions; an ending left to Batch is no ending", async () => {
    render(<Harness />);
    await pick("Pre-processing error job action", "Disable the job");
    await pick("Pre-processing error dependency action", "Block dependent tasks");
    expect(value()).toEqual({ preProcessingError: { jobAction: "disable", dependencyAction: "block" } });
    await pick("Pre-processing error job action", "Batch's default");
    await pick("Pre-processing error dependency action", "Batch's default");
    expect(value()).toEqual({});
  });
});
