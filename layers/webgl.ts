// Small WebGL 2 helpers shared by the layers that draw with their own shaders.

/** Compiles and links a program; throws with the driver's log, naming `what`. */
export function compileProgram(
  gl: WebGL2RenderingContext,
  vs: string,
  fs: string,
  what: string,
): WebGLProgram {
  const program = gl.createProgram()!;
  for (const [type, src] of [
    [gl.VERTEX_SHADER, vs],
    [gl.FRAGMENT_SHADER, fs],
  ] as const) {
    const shader = gl.createShader(type)!;
    gl.shaderSource(shader, src);
    gl.compileShader(shader);
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS))
      throw new Error(`${what} shader: ${gl.getShaderInfoLog(shader) ?? 'does not compile'}`);
    gl.attachShader(program, shader);
  }
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS))
    throw new Error(`${what} program: ${gl.getProgramInfoLog(program) ?? 'does not link'}`);
  return program;
}

/** A 2D texture with clamped edges and the given filter (NEAREST by default). */
export function createTexture(
  gl: WebGL2RenderingContext,
  filter: number = WebGL2RenderingContext.NEAREST,
): WebGLTexture {
  const t = gl.createTexture()!;
  gl.bindTexture(gl.TEXTURE_2D, t);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, filter);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, filter);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
  return t;
}

/** A 256 x 1 RGBA8 texture of a colour ramp, linear filtered. */
export function rampTexture(
  gl: WebGL2RenderingContext,
  color: (f: number) => readonly [number, number, number],
): WebGLTexture {
  const t = createTexture(gl, gl.LINEAR);
  const data = new Uint8Array(256 * 4);
  for (let i = 0; i < 256; i++) {
    const [r, g, b] = color(i / 255);
    data.set([r, g, b, 255], i * 4);
  }
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, 256, 1, 0, gl.RGBA, gl.UNSIGNED_BYTE, data);
  return t;
}

/**
 * A canvas with the WebGL 2 context the layers draw in (premultiplied alpha, no antialiasing, no
 * kept buffer). Throws when there is no WebGL 2. A lost context is not waited for: the layers
 * see `gl.isContextLost()` and draw with canvas 2D from then on.
 */
export function createGlCanvas(): { canvas: HTMLCanvasElement; gl: WebGL2RenderingContext } {
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2', {
    premultipliedAlpha: true,
    antialias: false,
    alpha: true,
    preserveDrawingBuffer: false,
  });
  if (!gl) throw new Error('WebGL 2 is not available');
  return { canvas, gl };
}
