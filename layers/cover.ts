/**
 * Makes an element a layer's own drawing surface: laid over the whole map viewport, letting
 * pointer events through to the map (for layers that draw with their own canvases).
 */
export function coverViewport<E extends HTMLElement>(el: E, className?: string): E {
  if (className) el.className = className;
  const style = el.style;
  style.position = 'absolute';
  style.left = '0';
  style.top = '0';
  style.width = '100%';
  style.height = '100%';
  style.pointerEvents = 'none';
  return el;
}
