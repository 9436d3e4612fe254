import { afterEach, describe, expect, it, vi } from "vitest";
import { copyText } from "./copyText";

const notifier = () => ({ success: vi.fn(), error: vi.fn() });
const setClipboard = (clipboard: unknown) =>
  Object.defineProperty(navigator, "clipboard", { value: clipboard, configurable: true });

describe("copyText", () => {
  afterEach(() => setClipboard(undefined));

  it("copies and says what", async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    setClipboard({ writeText });
    const notify = notifier();
    await copyText("a\nb", notify, "2 lines");
    expect(writeText).toHaveBeenCalledWith("a\nb");
    expect(notify.success).toHaveBeenCalledWith("Copied", "2 lines");
  });

  it("reports a refusal instead of pretending", async () => {
    setClipboard({
      writeText: vi.fn().mockRejectedValue(new DOMException("Write permission denied.", "NotAllowedError")),
    });
    const notify = notifier();
    await copyText("x", notify, "1 line");
    expect(notify.success).not.toHaveBeenCalled();
    expect(notify.error).toHaveBeenCalledWith(
      "Copy failed",
      expect.objectContaining({ name: "NotAllowedError" }),
    );
  });

  it("explains a page without a clipboard", async () => {
    setClipboard(undefined);
    const notify = notifier();
    await copyText("x", notify, "1 line");
    expect(String(notify.error.mock.calls[0]?.[1])).toMatch(/needs https or localhost/);
  });
});
