import './demo.css';

/** The demo page's fixed layout: the call frame, the side column beside it, a row of controls. */
export interface DemoStage {
  frame: HTMLElement;
  side: HTMLElement;
  controls: HTMLElement;
  /** One line under the title saying what is running. */
  describe(text: string): void;
}

export function demoStage(doc: Document = document): DemoStage {
  const get = (id: string) => {
    const el = doc.getElementById(id);
    if (!el) throw new Error(`demo: #${id} missing from index.html`);
    return el;
  };
  const mode = get('demo-mode');
  return { frame: get('demo-frame'), side: get('demo-side'), controls: get('demo-controls'), describe: (t) => (mode.textContent = t) };
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
