import './demo.css';

/** The demo page's fixed layout: the call frame, the side column beside it, a row of controls. */
export interface DemoStage {
  frame: HTMLElement;
  side: HTMLElement;
  /** The running mode's own controls. */
  controls: HTMLElement;
  /** The mode picker's place: kept when the mode changes. */
  modes: HTMLElement;
  /** One line under the title saying what is running. */
  describe(text: string): void;
  /** Empties frame, side and controls for the next mode (stopping it is the mode's own job). */
  clear(): void;
}

export function demoStage(doc: Document = document): DemoStage {
  const get = (id: string) => {
    const el = doc.getElementById(id);
    if (!el) throw new Error(`demo: #${id} missing from index.html`);
    return el;
  };
  const mode = get('demo-mode');
  const frame = get('demo-frame');
  const frameClass = frame.className;
  const side = get('demo-side');
  const controls = get('demo-controls');
  return {
    frame,
    side,
    controls,
    modes: get('demo-modes'),
    describe: (t) => (mode.textContent = t),
    clear() {
      for (const el of [frame, side, controls]) el.replaceChildren();
      frame.className = frameClass;
      delete doc.documentElement.dataset['theme'];
    },
  };
}

/** A labelled <select>; `onChange` gets the chosen value. */
export function picker(id: string, label: string, options: [value: string, text: string][], onChange: (value: string) => void): { element: HTMLLabelElement; select: HTMLSelectElement } {
  const element = document.createElement('label');
  element.className = 'demo-picker';
  element.append(`${label} `);
  const select = document.createElement('select');
  select.id = id;
  for (const [value, text] of options) select.add(new Option(text, value));
  select.addEventListener('change', () => onChange(select.value));
  element.append(select);
  return { element, select };
}
