// WebGL 2 drawing of radar scans: each scan's values live in a float texture (gates across, rays
// down) and a fragment shader turns every pixel of the scan's circle into a range and an
// azimuth, so a new scan is one texture upload and a new view is a few uniforms.
import { compileProgram, createGlCanvas, createTexture, rampTexture } from '../webgl.js';
import { rampColor } from '../tracks/ramp.js';
import { AZ_BINS, type PreparedScan, type ScanFrame } from './geometry.js';

const VS = `#version 300 es
precision highp float;
uniform vec4 uRect; // x0, y0, x1, y1 in clip space
void main() {
  int i = gl_VertexID;
  vec2 c = vec2((i == 1 || i == 2 || i == 4) ? uRect.z : uRect.x, (i == 2 || i == 4 || i == 5) ? uRect.w : uRect.y);
  gl_Position = vec4(c, 0.0, 1.0);
}`;

const FS = `#version 300 es
precision highp float;
precision highp int;
precision highp sampler2D;
uniform sampler2D uValues;
uniform sampler2D uRays;
uniform sampler2D uRamp;
uniform vec3 uE; // css px -> east metres
uniform vec3 uN; // css px -> north metres
uniform float uPixelRatio;
uniform float uHeight;
uniform vec3 uGates; // rangeStartM, gateM, gates
uniform vec2 uRange; // min, max of the colour scale
out vec4 outColor;
void main() {
  vec2 px = vec2(gl_FragCoord.x, uHeight - gl_FragCoord.y) / uPixelRatio;
  float e = uE.x * px.x + uE.y * px.y + uE.z;
  float n = uN.x * px.x + uN.y * px.y + uN.z;
  float r = length(vec2(e, n));
  float g = floor((r - uGates.x) / uGates.y);
  if (g < 0.0 || g >= uGates.z) discard;
  float az = degrees(atan(e, n));
  if (az < 0.0) az += 360.0;
  int bin = min(${AZ_BINS - 1}, int(az * ${(AZ_BINS / 360).toFixed(1)}));
  float ray = texelFetch(uRays, ivec2(bin, 0), 0).r;
  if (ray < 0.0) discard;
  float v = texelFetch(uValues, ivec2(int(g), int(ray)), 0).r;
  if (v < -1e37) discard;
  float f = clamp((v - uRange.x) / max(uRange.y - uRange.x, 1e-30), 0.0, 1.0);
  float a = 0.35 + 0.5 * f;
  outColor = vec4(texture(uRamp, vec2(f, 0.5)).rgb * a, a);
}`;

interface Uploaded {
  values: WebGLTexture;
  rays: WebGLTexture;
}

/** Draws prepared scans with WebGL 2; throws at construction without WebGL 2 or float textures. */
export class RadarGlRenderer {
  readonly canvas: HTMLCanvasElement;
  private readonly gl: WebGL2RenderingContext;
  private readonly program: WebGLProgram;
  private readonly ramp: WebGLTexture;
  private readonly vao: WebGLVertexArrayObject;
  private readonly uploaded = new WeakMap<PreparedScan, Uploaded>();
  private readonly live = new Set<Uploaded>();
  private readonly locs = new Map<string, WebGLUniformLocation | null>();

  constructor() {
    const { canvas, gl } = createGlCanvas();
    this.canvas = canvas;
    this.gl = gl;
    this.program = compileProgram(gl, VS, FS, 'RadarLayer');
    this.ramp = rampTexture(gl, rampColor);
    this.vao = gl.createVertexArray()!;
  }

  get contextLost(): boolean {
    return this.gl.isContextLost();
  }

  private loc(name: string): WebGLUniformLocation | null {
    if (!this.locs.has(name)) this.locs.set(name, this.gl.getUniformLocation(this.program, name));
    return this.locs.get(name)!;
  }

  /** Uploads a scan's textures (once per scan). */
  private upload(p: PreparedScan): Uploaded {
    let u = this.uploaded.get(p);
    if (u) return u;
    const gl = this.gl;
    const values = createTexture(gl);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.R32F, p.scan.gates, p.rays, 0, gl.RED, gl.FLOAT, p.values);
    const rays = createTexture(gl);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.R32F, AZ_BINS, 1, 0, gl.RED, gl.FLOAT, p.rayOfBin);
    u = { values, rays };
    this.uploaded.set(p, u);
    this.live.add(u);
    return u;
  }

  /** Frees the textures of scans no longer kept. */
  forget(p: PreparedScan): void {
    const u = this.uploaded.get(p);
    if (!u) return;
    this.gl.deleteTexture(u.values);
    this.gl.deleteTexture(u.rays);
    this.uploaded.delete(p);
    this.live.delete(u);
  }

  render(
    frames: readonly ScanFrame[],
    size: { width: number; height: number; pixelRatio: number },
    range: [number, number],
  ): void {
    const gl = this.gl;
    const { width, height, pixelRatio } = size;
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    gl.viewport(0, 0, width, height);
    gl.clearColor(0, 0, 0, 0);
    gl.clear(gl.COLOR_BUFFER_BIT);
    if (frames.length === 0) return;
    gl.useProgram(this.program);
    gl.bindVertexArray(this.vao);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    gl.uniform1f(this.loc('uPixelRatio'), pixelRatio);
    gl.uniform1f(this.loc('uHeight'), height);
    gl.uniform2f(this.loc('uRange'), range[0], range[1]);
    const cssW = width / pixelRatio;
    const cssH = height / pixelRatio;
    for (const f of frames) {
      const [x0, y0, x1, y1] = f.box;
      if (x1 < 0 || y1 < 0 || x0 > cssW || y0 > cssH) continue;
      // Uploading binds to the active unit: upload first, then bind every unit.
      const u = this.upload(f.prepared);
      gl.activeTexture(gl.TEXTURE2);
      gl.bindTexture(gl.TEXTURE_2D, this.ramp);
      gl.uniform1i(this.loc('uRamp'), 2);
      gl.activeTexture(gl.TEXTURE0);
      gl.bindTexture(gl.TEXTURE_2D, u.values);
      gl.uniform1i(this.loc('uValues'), 0);
      gl.activeTexture(gl.TEXTURE1);
      gl.bindTexture(gl.TEXTURE_2D, u.rays);
      gl.uniform1i(this.loc('uRays'), 1);
      gl.uniform3f(this.loc('uE'), ...f.east);
      gl.uniform3f(this.loc('uN'), ...f.north);
      const s = f.prepared.scan;
      gl.uniform3f(this.loc('uGates'), s.rangeStartM, s.gateM, s.gates);
      const cx = (x: number) => (Math.max(0, Math.min(cssW, x)) / cssW) * 2 - 1;
      const cy = (y: number) => 1 - (Math.max(0, Math.min(cssH, y)) / cssH) * 2;
      gl.uniform4f(this.loc('uRect'), cx(x0), cy(y1), cx(x1), cy(y0));
      gl.drawArrays(gl.TRIANGLES, 0, 6);
    }
  }

  dispose(): void {
    const gl = this.gl;
    for (const u of this.live) {
      gl.deleteTexture(u.values);
      gl.deleteTexture(u.rays);
    }
    this.live.clear();
    gl.deleteTexture(this.ramp);
    gl.deleteProgram(this.program);
    gl.deleteVertexArray(this.vao);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}
