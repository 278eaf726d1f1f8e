// WebGL 2 drawing of the tracks: the store's pool lives in a float texture that only changed rows
// are uploaded to; every trail segment is one instanced quad whose vertex shader finds its two
// points (and whether it is visible) from the vehicle table, so that a new point, a new replay
// time or a new view is a texture row or a uniform, never a rebuild of geometry.
import { POOL_WIDTH, type TrackStore } from './store.js';
import { rampColor, type ColorBy } from './colors.js';
import { compileProgram, createGlCanvas, createTexture, rampTexture } from '../webgl.js';

/** Texels per vehicle in the vehicle table, and the table's width. */
const VT = 3;
const VEH_WIDTH = 3 * 1024;

const TRAIL_VS = `#version 300 es
precision highp float;
precision highp int;
precision highp sampler2D;
uniform sampler2D uPool;
uniform sampler2D uOwner;
uniform sampler2D uVeh;
uniform sampler2D uRamp;
uniform int uStride;
uniform int uHeadPass;
uniform vec4 uM;
uniform vec2 uT;
uniform vec2 uViewport;
uniform float uWidth;
uniform float uTrail;
uniform int uColorBy;
uniform vec2 uRange;
uniform int uSelected;
out vec4 vColor;
out float vAcross;
out float vHalf;

ivec2 poolAt(int s) { return ivec2(s % ${POOL_WIDTH}, s / ${POOL_WIDTH}); }
ivec2 vehAt(int v, int k) { int i = v * ${VT} + k; return ivec2(i % ${VEH_WIDTH}, i / ${VEH_WIDTH}); }
vec2 toPx(vec2 p) { return vec2(uM.x * p.x + uM.z * p.y + uT.x, uM.y * p.x + uM.w * p.y + uT.y); }
vec3 ramp(float f) { return texture(uRamp, vec2(clamp(f, 0.0, 1.0), 0.5)).rgb; }

void main() {
  int corner = gl_VertexID;
  gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
  vColor = vec4(0.0);
  vAcross = 0.0;
  vHalf = 1.0;
  int v;
  int d;
  vec4 A;
  vec2 B;
  vec4 V0;
  vec4 V1;
  if (uHeadPass == 1) {
    v = gl_InstanceID;
    V0 = texelFetch(uVeh, vehAt(v, 0), 0);
    if (V0.w < 1.0) return;
    V1 = texelFetch(uVeh, vehAt(v, 1), 0);
    A = texelFetch(uPool, poolAt(int(V0.x) + int(V0.z)), 0);
    B = V1.xy;
    d = 0;
  } else {
    int g = gl_InstanceID * uStride;
    float owner = texelFetch(uOwner, poolAt(g), 0).r;
    if (owner < 0.0) return;
    v = int(owner);
    V0 = texelFetch(uVeh, vehAt(v, 0), 0);
    int offset = int(V0.x);
    int cap = int(V0.y);
    int end = int(V0.z);
    int visible = int(V0.w);
    int r = g - offset;
    d = (end - r + cap) % cap;
    if (d >= visible || d == 0) return;
    int d2 = max(d - uStride, 0);
    int rn = (end - d2 + cap) % cap;
    A = texelFetch(uPool, poolAt(g), 0);
    B = texelFetch(uPool, poolAt(offset + rn), 0).xy;
    V1 = texelFetch(uVeh, vehAt(v, 1), 0);
  }
  vec4 V2 = texelFetch(uVeh, vehAt(v, 2), 0);
  bool selected = V2.y > 0.5;
  vec2 pa = toPx(A.xy);
  vec2 pb = toPx(B);
  vec2 dir = pb - pa;
  float len = length(dir);
  dir = len > 1e-6 ? dir / len : vec2(1.0, 0.0);
  vec2 n = vec2(-dir.y, dir.x);
  float half_ = (selected ? uWidth + 1.5 : uWidth) * 0.5;
  float w = half_ + 1.0;
  bool atB = (corner & 1) == 1;
  float side = corner < 2 ? -1.0 : 1.0;
  vec2 p = (atB ? pb : pa) + n * side * w + dir * (atB ? 0.5 * half_ : -0.5 * half_);
  vec2 clip = p / uViewport * 2.0 - 1.0;
  gl_Position = vec4(clip.x, -clip.y, 0.0, 1.0);
  vec3 rgb;
  if (uColorBy == 1) {
    rgb = A.w < 0.0 ? vec3(0.6) : ramp(A.w / max(uRange.y, 1e-6));
  } else if (uColorBy == 2) {
    rgb = A.z < -1e37 ? vec3(0.6) : ramp((A.z - uRange.x) / max(uRange.y - uRange.x, 1e-6));
  } else {
    float c = V1.z;
    rgb = vec3(floor(c / 65536.0), mod(floor(c / 256.0), 256.0), mod(c, 256.0)) / 255.0;
  }
  float fade = 0.12 + 0.88 * (1.0 - float(d) / uTrail);
  float dim = uSelected >= 0 && !selected ? 0.35 : 1.0;
  vColor = vec4(rgb, fade * dim);
  vAcross = side * w;
  vHalf = half_;
}`;

const TRAIL_FS = `#version 300 es
precision highp float;
in vec4 vColor;
in float vAcross;
in float vHalf;
out vec4 outColor;
void main() {
  float a = vColor.a * clamp(vHalf + 0.5 - abs(vAcross), 0.0, 1.0);
  if (a <= 0.0) discard;
  outColor = vec4(vColor.rgb * a, a);
}`;

const ICON_VS = `#version 300 es
precision highp float;
precision highp int;
precision highp sampler2D;
uniform sampler2D uVeh;
uniform vec4 uM;
uniform vec2 uT;
uniform vec2 uViewport;
uniform float uSize;
uniform int uSelected;
out vec2 vLocal;
out vec3 vColor;
flat out int vKind;
flat out int vSelected;
flat out float vStale;
ivec2 vehAt(int v, int k) { int i = v * ${VT} + k; return ivec2(i % ${VEH_WIDTH}, i / ${VEH_WIDTH}); }
void main() {
  int v = gl_InstanceID;
  gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
  vec4 V0 = texelFetch(uVeh, vehAt(v, 0), 0);
  if (V0.w < 1.0) return;
  vec4 V1 = texelFetch(uVeh, vehAt(v, 1), 0);
  vec4 V2 = texelFetch(uVeh, vehAt(v, 2), 0);
  vec2 c = vec2(uM.x * V1.x + uM.z * V1.y + uT.x, uM.y * V1.x + uM.w * V1.y + uT.y);
  float h = radians(V1.w < 0.0 ? 0.0 : V1.w);
  vec2 north = vec2(sin(h), cos(h));
  vec2 fwd = vec2(uM.x * north.x + uM.z * north.y, uM.y * north.x + uM.w * north.y);
  fwd = length(fwd) > 0.0 ? normalize(fwd) : vec2(0.0, -1.0);
  vec2 right = vec2(-fwd.y, fwd.x);
  int corner = gl_VertexID;
  vec2 local = vec2(corner < 2 ? -1.0 : 1.0, (corner & 1) == 1 ? 1.0 : -1.0);
  bool selected = V2.y > 0.5;
  float size = (selected ? uSize * 1.35 : uSize) * 0.5;
  vec2 p = c + (right * -local.x + fwd * local.y) * size;
  vec2 clip = p / uViewport * 2.0 - 1.0;
  gl_Position = vec4(clip.x, -clip.y, 0.0, 1.0);
  vLocal = local;
  float col = V1.z;
  vColor = vec3(floor(col / 65536.0), mod(floor(col / 256.0), 256.0), mod(col, 256.0)) / 255.0;
  vKind = int(V2.x);
  vSelected = selected ? 1 : 0;
  vStale = V2.z;
}`;

const ICON_FS = `#version 300 es
precision highp float;
in vec2 vLocal;
in vec3 vColor;
flat in int vKind;
flat in int vSelected;
flat in float vStale;
out vec4 outColor;
float edge(vec2 p, vec2 a, vec2 b) { return (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x); }
bool tri(vec2 p, vec2 a, vec2 b, vec2 c) {
  float e0 = edge(p, a, b); float e1 = edge(p, b, c); float e2 = edge(p, c, a);
  return (e0 >= 0.0 && e1 >= 0.0 && e2 >= 0.0) || (e0 <= 0.0 && e1 <= 0.0 && e2 <= 0.0);
}
bool inside(vec2 p) {
  if (vKind == 1) { // boat: a hull pointing forward
    if (p.y < -0.85 || abs(p.x) > 0.45) return false;
    if (p.y <= 0.25) return true;
    return tri(p, vec2(-0.45, 0.25), vec2(0.45, 0.25), vec2(0.0, 0.95));
  }
  if (vKind == 2) { // ground vehicle: a disc with a pointer
    return length(p - vec2(0.0, -0.15)) < 0.62 || tri(p, vec2(-0.35, 0.3), vec2(0.35, 0.3), vec2(0.0, 0.95));
  }
  // drone: an arrowhead with a notch
  return tri(p, vec2(0.0, 0.95), vec2(-0.8, -0.8), vec2(0.0, -0.35)) ||
         tri(p, vec2(0.0, 0.95), vec2(0.0, -0.35), vec2(0.8, -0.8));
}
void main() {
  if (!inside(vLocal)) discard;
  vec3 outline = vSelected == 1 ? vec3(1.0, 0.85, 0.1) : vec3(1.0);
  vec3 fill = vStale > 0.5 ? mix(vColor, vec3(0.55), 0.7) : vColor;
  vec3 c = inside(vLocal / 0.72) ? fill : outline;
  outColor = vec4(c, 1.0);
}`;

/** What a frame needs besides the store. */
export interface FrameParams {
  /** Store coordinates (relative to its origin) to canvas pixels: [a, b, c, d, e, f]. */
  transform: number[];
  width: number;
  height: number;
  pixelRatio: number;
  lineWidth: number;
  iconSize: number;
  colorBy: ColorBy;
  /** Segments cover this many points each (1: every point). */
  stride: number;
  selected: number;
  /** Vehicle indices whose icon is shown greyed (stale). */
  stale: ReadonlySet<number>;
}

/** Draws a TrackStore with WebGL 2. Throws at construction when WebGL 2 or float textures are missing. */
export class TrackGlRenderer {
  readonly canvas: HTMLCanvasElement;
  private readonly gl: WebGL2RenderingContext;
  private readonly trail: WebGLProgram;
  private readonly icon: WebGLProgram;
  private readonly poolTex: WebGLTexture;
  private readonly ownerTex: WebGLTexture;
  private readonly vehTex: WebGLTexture;
  private readonly rampTex: WebGLTexture;
  private readonly vao: WebGLVertexArrayObject;
  private poolRows = 0;
  private vehRows = 0;
  private vehData = new Float32Array(0);
  private readonly uniforms = new Map<WebGLProgram, Map<string, WebGLUniformLocation | null>>();

  constructor() {
    const { canvas, gl } = createGlCanvas();
    this.canvas = canvas;
    this.gl = gl;
    this.trail = compileProgram(gl, TRAIL_VS, TRAIL_FS, 'TrackLayer');
    this.icon = compileProgram(gl, ICON_VS, ICON_FS, 'TrackLayer');
    this.poolTex = this.texture();
    this.ownerTex = this.texture();
    this.vehTex = this.texture();
    this.rampTex = rampTexture(gl, rampColor);
    this.vao = gl.createVertexArray()!;
  }

  /**
   * Whether WebGL is drawn by SwiftShader, a software rasteriser on which thousands of instanced
   * trails cost more than canvas 2D does (on Mesa's llvmpipe they cost less).
   */
  get swiftShader(): boolean {
    const gl = this.gl;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    return /swiftshader/i.test(name);
  }

  /** Whether the context was lost (the layer then falls back to canvas). */
  get contextLost(): boolean {
    return this.gl.isContextLost();
  }

  private texture(filter: number = WebGL2RenderingContext.NEAREST): WebGLTexture {
    return createTexture(this.gl, filter);
  }

  private loc(program: WebGLProgram, name: string): WebGLUniformLocation | null {
    let m = this.uniforms.get(program);
    if (!m) this.uniforms.set(program, (m = new Map()));
    if (!m.has(name)) m.set(name, this.gl.getUniformLocation(program, name));
    return m.get(name)!;
  }

  /** Sends what changed in the store to the GPU. */
  private upload(store: TrackStore, p: FrameParams): void {
    const gl = this.gl;
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 4);
    if (store.poolResized || this.poolRows !== store.rows) {
      gl.bindTexture(gl.TEXTURE_2D, this.poolTex);
      gl.texImage2D(
        gl.TEXTURE_2D,
        0,
        gl.RGBA32F,
        POOL_WIDTH,
        store.rows,
        0,
        gl.RGBA,
        gl.FLOAT,
        store.pool,
      );
      gl.bindTexture(gl.TEXTURE_2D, this.ownerTex);
      gl.texImage2D(
        gl.TEXTURE_2D,
        0,
        gl.R32F,
        POOL_WIDTH,
        store.rows,
        0,
        gl.RED,
        gl.FLOAT,
        store.slotVehicle,
      );
      this.poolRows = store.rows;
      store.poolResized = false;
      store.takeDirty(() => {});
    } else {
      store.takeDirty((row, lo, hi) => {
        const n = hi - lo + 1;
        const s = row * POOL_WIDTH + lo;
        gl.bindTexture(gl.TEXTURE_2D, this.poolTex);
        gl.texSubImage2D(gl.TEXTURE_2D, 0, lo, row, n, 1, gl.RGBA, gl.FLOAT, store.pool, s * 4);
        gl.bindTexture(gl.TEXTURE_2D, this.ownerTex);
        gl.texSubImage2D(gl.TEXTURE_2D, 0, lo, row, n, 1, gl.RED, gl.FLOAT, store.slotVehicle, s);
      });
    }
    const n = store.vehicles.length;
    const rows = Math.max(1, Math.ceil((n * VT) / VEH_WIDTH));
    if (this.vehData.length !== rows * VEH_WIDTH * 4)
      this.vehData = new Float32Array(rows * VEH_WIDTH * 4);
    const d = this.vehData;
    for (let i = 0; i < n; i++) {
      const v = store.vehicles[i];
      const o = i * VT * 4;
      d[o] = v.offset;
      d[o + 1] = v.cap;
      d[o + 2] = v.end;
      d[o + 3] = v.visible;
      d[o + 4] = v.x - store.originX;
      d[o + 5] = v.y - store.originY;
      d[o + 6] = v.rgb;
      d[o + 7] = Number.isNaN(v.heading) ? -1 : v.heading;
      d[o + 8] = v.info.kind === 'boat' ? 1 : v.info.kind === 'vehicle' ? 2 : 0;
      d[o + 9] = i === p.selected ? 1 : 0;
      d[o + 10] = p.stale.has(i) ? 1 : 0;
      d[o + 11] = 0;
    }
    gl.bindTexture(gl.TEXTURE_2D, this.vehTex);
    if (rows !== this.vehRows) {
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA32F, VEH_WIDTH, rows, 0, gl.RGBA, gl.FLOAT, d);
      this.vehRows = rows;
    } else {
      const used = Math.ceil((n * VT) / VEH_WIDTH);
      if (used > 0) gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, VEH_WIDTH, used, gl.RGBA, gl.FLOAT, d);
    }
    store.vehiclesDirty = false;
  }

  render(store: TrackStore, p: FrameParams): void {
    const gl = this.gl;
    if (this.canvas.width !== p.width || this.canvas.height !== p.height) {
      this.canvas.width = p.width;
      this.canvas.height = p.height;
    }
    gl.viewport(0, 0, p.width, p.height);
    gl.clearColor(0, 0, 0, 0);
    gl.clear(gl.COLOR_BUFFER_BIT);
    if (store.vehicles.length === 0 || store.rows === 0) return;
    this.upload(store, p);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    gl.bindVertexArray(this.vao);
    const t = p.transform;
    const bind = (program: WebGLProgram, name: string, unit: number, tex: WebGLTexture) => {
      gl.activeTexture(gl.TEXTURE0 + unit);
      gl.bindTexture(gl.TEXTURE_2D, tex);
      gl.uniform1i(this.loc(program, name), unit);
    };
    gl.useProgram(this.trail);
    bind(this.trail, 'uPool', 0, this.poolTex);
    bind(this.trail, 'uOwner', 1, this.ownerTex);
    bind(this.trail, 'uVeh', 2, this.vehTex);
    bind(this.trail, 'uRamp', 3, this.rampTex);
    gl.uniform4f(this.loc(this.trail, 'uM'), t[0], t[1], t[2], t[3]);
    gl.uniform2f(this.loc(this.trail, 'uT'), t[4], t[5]);
    gl.uniform2f(this.loc(this.trail, 'uViewport'), p.width, p.height);
    gl.uniform1f(this.loc(this.trail, 'uWidth'), p.lineWidth * p.pixelRatio);
    gl.uniform1f(this.loc(this.trail, 'uTrail'), store.trailLength);
    gl.uniform1i(
      this.loc(this.trail, 'uColorBy'),
      p.colorBy === 'speed' ? 1 : p.colorBy === 'altitude' ? 2 : 0,
    );
    const range = p.colorBy === 'altitude' ? store.altRange : [0, store.speedMax];
    gl.uniform2f(
      this.loc(this.trail, 'uRange'),
      Number.isFinite(range[0]) ? range[0] : 0,
      Number.isFinite(range[1]) ? range[1] : 1,
    );
    gl.uniform1i(this.loc(this.trail, 'uSelected'), p.selected);
    const stride = Math.max(1, Math.floor(p.stride));
    gl.uniform1i(this.loc(this.trail, 'uStride'), stride);
    gl.uniform1i(this.loc(this.trail, 'uHeadPass'), 0);
    gl.drawArraysInstanced(gl.TRIANGLE_STRIP, 0, 4, Math.ceil(store.used / stride));
    gl.uniform1i(this.loc(this.trail, 'uHeadPass'), 1);
    gl.drawArraysInstanced(gl.TRIANGLE_STRIP, 0, 4, store.vehicles.length);
    gl.useProgram(this.icon);
    bind(this.icon, 'uVeh', 2, this.vehTex);
    gl.uniform4f(this.loc(this.icon, 'uM'), t[0], t[1], t[2], t[3]);
    gl.uniform2f(this.loc(this.icon, 'uT'), t[4], t[5]);
    gl.uniform2f(this.loc(this.icon, 'uViewport'), p.width, p.height);
    gl.uniform1f(this.loc(this.icon, 'uSize'), p.iconSize * p.pixelRatio);
    gl.uniform1i(this.loc(this.icon, 'uSelected'), p.selected);
    gl.drawArraysInstanced(gl.TRIANGLE_STRIP, 0, 4, store.vehicles.length);
    gl.bindVertexArray(null);
  }

  dispose(): void {
    const gl = this.gl;
    for (const t of [this.poolTex, this.ownerTex, this.vehTex, this.rampTex]) gl.deleteTexture(t);
    gl.deleteProgram(this.trail);
    gl.deleteProgram(this.icon);
    gl.deleteVertexArray(this.vao);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}
