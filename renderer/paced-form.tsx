import Form from '@rjsf/core';
import type { FormProps } from '@rjsf/core';
import type { FieldPathList } from '@rjsf/utils';

type Change = Parameters<Form['onChange']>;

/** The props of {@link PacedForm}: rjsf's, and who hears of a keystroke at once. */
export interface PacedFormProps extends FormProps {
  /** Called at once with every value typed into a field (before rjsf has taken it in). */
  readonly onTyped?: (value: unknown, path: FieldPathList) => void;
}

const isLeaf = (v: unknown): boolean => v === null || typeof v !== 'object';
const samePath = (a: FieldPathList, b: FieldPathList): boolean => a.length === b.length && a.every((k, i) => k === b[i]);

/**
 * rjsf's Form taking a typed value in after the frame that paints it. rjsf's change handler works
 * on the whole form (a copy of all answers, their defaults, the schema resolved for them), which on
 * a form of 60 units is tens of milliseconds; run in the keystroke's own task it holds back the
 * frame that shows the character. Here the input shows it at once (the browser has already put it
 * into the field), `onTyped` hands the value to the page so nothing typed waits for rjsf, and rjsf
 * takes the keystrokes in right after the frame, several at once when they came faster than that.
 * A blur, a submit and a structural change (a unit added or removed) take the waiting values in
 * first, so rjsf never acts on answers older than what was typed.
 */
export class PacedForm extends Form {
  declare readonly props: Readonly<PacedFormProps>;
  private waiting: Change[] = [];
  private scheduled = false;
  private readonly takeIn: Form['onChange'];

  constructor(props: PacedFormProps) {
    super(props);
    this.takeIn = this.onChange;
    const blur = this.onBlur;
    const submit = this.onSubmit;
    this.onChange = (...change: Change) => {
      const [value, path] = change;
      // The server renders no keystrokes; anything but a single value changes the form's shape.
      if (typeof window === 'undefined' || !isLeaf(value) || path.length === 0) {
        this.flush();
        this.takeIn(...change);
        return;
      }
      this.props.onTyped?.(value, path);
      const same = this.waiting.findIndex((w) => samePath(w[1], path));
      if (same >= 0) this.waiting[same] = change;
      else this.waiting.push(change);
      this.schedule();
    };
    this.onBlur = (...args) => {
      this.flush();
      blur(...args);
    };
    this.onSubmit = (event) => {
      this.flush();
      submit(event);
    };
  }

  /** Takes the waiting values in now. */
  flush(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const change of waiting) this.takeIn(...change);
  }

  /**
   * After the next frame has been painted (a message posted from the frame's callback runs after
   * it), or after a short while where no frames come (a hidden tab paints none).
   */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => {
      if (!this.scheduled) return;
      this.scheduled = false;
      clearTimeout(timer);
      this.flush();
    };
    const timer = setTimeout(run, 100);
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = run;
      channel.port2.postMessage(0);
    });
  }

  // The page has every typed value already (`onTyped`); a form going away takes none in.
  override componentWillUnmount(): void {
    this.waiting = [];
    this.scheduled = false;
  }
}
