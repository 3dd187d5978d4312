{
  "variables": {
    "variables": {
      # -O3 for releases; the sanitizer build passes -Dtsjit_opt=-O1 (a much faster compile; the
      # tests stay quick).
      "tsjit_opt%": "-O3"
    },
    "tsjit_opt%": "<(tsjit_opt)",
    "tsjit_asan%": 0,
    # Every kernel family file. Each is compiled once per ISA variant (static libraries below)
    # and once more for its N-API glue (the addon target).
    "kernel_sources": [
      "native/src/copy.cc",
      "native/src/reduce.cc",
      "native/src/softmax.cc",
      "native/src/scan.cc",
      "native/src/sort.cc",
      "native/src/gemm.cc",
      "native/src/conv.cc",
      "native/src/index.cc",
      "native/src/pool.cc",
      "native/src/upsample.cc",
      "native/src/unary.cc",
      "native/src/binary.cc",
      "native/src/ternary.cc",
      "native/src/rnn.cc"
    ],
    "kernel_cflags": ["-std=gnu++17", "<(tsjit_opt)", "-fno-math-errno", "-fno-trapping-math", "-fPIC", "-fexceptions"]
  },
  "target_defaults": {
    "cflags_cc!": ["-fno-exceptions", "-std=gnu++1y", "-std=gnu++14"],
    "cflags!": ["-fno-exceptions"],
    "include_dirs": ["native/src"],
    "conditions": [
      ["target_arch=='x64' or target_arch=='ia32'", { "defines": ["TSJIT_X86"] }],
      ["tsjit_asan==1", {
        "cflags_cc": ["-fsanitize=address,undefined", "-fno-sanitize=vptr", "-fno-omit-frame-pointer", "-g"],
        "ldflags": ["-fsanitize=address,undefined"]
      }]
    ]
  },
  "targets": [
    {
      "target_name": "tsjit_reference",
      "type": "static_library",
      "sources": ["<@(kernel_sources)"],
      "defines": ["TSJIT_ISA=reference", "TSJIT_REFERENCE=1"],
      "cflags_cc": ["<@(kernel_cflags)", "-fno-tree-vectorize"]
    },
    {
      "target_name": "tsjit_portable",
      "type": "static_library",
      "sources": ["<@(kernel_sources)"],
      "defines": ["TSJIT_ISA=portable"],
      "cflags_cc": ["<@(kernel_cflags)"]
    },
    {
      "target_name": "tsjit_avx2",
      "type": "static_library",
      "sources": ["<@(kernel_sources)"],
      "defines": ["TSJIT_ISA=avx2"],
      "cflags_cc": ["<@(kernel_cflags)", "-mavx2", "-mfma", "-mf16c"]
    },
    {
      "target_name": "tsjit_avx512",
      "type": "static_library",
      "sources": ["<@(kernel_sources)"],
      "defines": ["TSJIT_ISA=avx512"],
      "cflags_cc": ["<@(kernel_cflags)", "-mavx512f", "-mavx512bw", "-mavx512vl", "-mavx512dq", "-mfma", "-mf16c",
                    "-mprefer-vector-width=512",
                    "-Wno-maybe-uninitialized", "-Wno-uninitialized"]
    },
    {
      "target_name": "tsjit_kernels",
      "sources": ["native/src/binding.cc", "native/src/glue.cc", "native/src/thread-pool.cc", "<@(kernel_sources)"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "cflags_cc": ["<@(kernel_cflags)"],
      "ldflags": ["-pthread"],
      # Portable first: where ISA objects instantiate the same inline code, the linker keeps the
      # first copy it sees, and that copy must run on every CPU (see native/README.md).
      "dependencies": ["tsjit_reference", "tsjit_portable", "tsjit_avx2", "tsjit_avx512"]
    }
  ]
}
