// The Worker's entry: instantiates the wasm-bindgen output and hands each request to it.
import { initSync, fetch as handle } from "./index.js";
import module from "./index_bg.wasm";

initSync({ module });

export default {
  fetch(request, env, ctx) {
    return handle(request, env, ctx);
  },
};
