#!/usr/bin/env bash
# Packs what the ONNX Runtime GPU backend's tests and benchmark need on a GPU machine that has CUDA 13 and cuDNN 9
# but no Java, no Maven and no network, and takes a limited amount of files per command (the lent H200s: 64 MiB):
# a trimmed Java 25 runtime, the test class path without ONNX Runtime's 900 MB of jars, the four linux-x64 natives
# the bundle ships, the test image and two scripts. The whole kit is xz-compressed and split into parts of at most
# PART_MIB (201 MB in 4 parts here).
#
#   gpu-bundles/device-kit.sh OUT_DIR [PART_MIB]      (after: mvn -Pgpu install -pl gpu-bundles/org.framegrid.inference.onnx.gpu -am)
#
# OUT_DIR/p1 .. pN each hold one part; carry them one per command into the same machine (files outside the working
# tree stay there between commands while it is held), then run OUT_DIR/pN/run-device.sh there.
set -euo pipefail

out=${1:?usage: gpu-bundles/device-kit.sh OUT_DIR [PART_MIB]}
part_mib=${2:-62} # the lent H200s take 64 MiB per command, the working tree (2 MiB) included
repo=$(cd "$(dirname "$0")/.." && pwd)
module="$repo/gpu-bundles/org.framegrid.inference.onnx.gpu"
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
junit_platform=1.14.4 # the JUnit Platform of the root pom's junit.version (5.14.4)

[ -d "$module/target/cuda-natives" ] && [ -d "$module/target/test-classes" ] \
  || { echo "build the GPU backend first: mvn -Pgpu install -pl gpu-bundles/org.framegrid.inference.onnx.gpu -am" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
kit="$work/fg"
mkdir -p "$kit/lib" "$kit/natives"

# java.base, plus what ORT's Java API (java.logging), JUnit's console (jdk.unsupported) and the stage benchmark's
# test image (java.desktop: ImageIO, headless) use.
"$JAVA_HOME/bin/jlink" --add-modules java.base,java.logging,jdk.unsupported,java.desktop --strip-debug \
  --no-header-files --no-man-pages --output "$kit/jre"

# The test class path, without the two ONNX Runtime jars: their classes go in as a small jar, their natives not at all.
(cd "$repo" && mvn -B -q -o -Pgpu dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/classpath" -pl gpu-bundles/org.framegrid.inference.onnx.gpu)
tr ':' '\n' <"$work/classpath" | grep -v -e /onnxruntime_gpu- -e /org/bytedeco/ | xargs -I{} cp {} "$kit/lib/"
ort_jar=$(tr ':' '\n' <"$work/classpath" | grep /onnxruntime_gpu-)
(mkdir -p "$work/ort" && cd "$work/ort" && unzip -q "$ort_jar" 'ai/onnxruntime/*.class' \
  && "$JAVA_HOME/bin/jar" cf "$kit/lib/onnxruntime-classes.jar" ai)
"$JAVA_HOME/bin/jar" cf "$kit/lib/backend-classes.jar" -C "$module/target/classes" .
"$JAVA_HOME/bin/jar" cf "$kit/lib/backend-tests.jar" -C "$module/target/test-classes" .
(cd "$repo" && mvn -B -q -Pgpu dependency:copy -DoutputDirectory="$kit/lib" \
  -Dartifact="org.junit.platform:junit-platform-console-standalone:$junit_platform")
cp "$module"/target/cuda-natives/* "$kit/natives/"
images=${FRAMEGRID_TEST_IMAGES:-$HOME/.cache/framegrid/images}
[ -f "$images/astronaut.png" ] || { echo "no $images/astronaut.png: run the default build once (org.framegrid.models fetches it)" >&2; exit 1; }
mkdir -p "$kit/images" && cp "$images/astronaut.png" "$kit/images/"

cat >"$kit/run-tests.sh" <<EOF
#!/usr/bin/env bash
# The backend's probe test, GPU test and benchmarks, on the carried JRE, with the natives the bundle ships.
here=\$(cd "\$(dirname "\$0")" && pwd)
cp=\$(ls "\$here"/lib/*.jar | grep -v console-standalone | tr '\n' ':')
exec "\$here/jre/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \\
  -Donnxruntime.native.path="\$here/natives" -Dframegrid.test.images="\$here/images" -Djava.awt.headless=true \\
  -jar "\$here/lib/junit-platform-console-standalone-$junit_platform.jar" execute --disable-banner \\
  --disable-ansi-colors --details=tree --class-path "\$cp" --include-classname '.*(Test|Bench)' \\
  --select-class org.framegrid.inference.onnx.gpu.internal.CudaProbeTest \\
  --select-class org.framegrid.inference.onnx.gpu.internal.GpuBackendTest \\
  --select-class org.framegrid.inference.onnx.gpu.internal.ThroughputBench \\
  --select-class org.framegrid.inference.onnx.gpu.internal.StageThroughputTest
EOF
chmod +x "$kit/run-tests.sh"

rm -rf "$out" && mkdir -p "$out"
tar -C "$work" -cf - fg | xz -9e -T0 >"$work/fg.tar.xz"
parts=$(( ($(stat -c %s "$work/fg.tar.xz") + part_mib * 1048576 - 1) / (part_mib * 1048576) ))
(cd "$work" && split -n "$parts" -d -a 1 fg.tar.xz fg.tar.xz.)
for i in $(seq 0 $((parts - 1))); do
  mkdir -p "$out/p$((i + 1))" && mv "$work/fg.tar.xz.$i" "$out/p$((i + 1))/"
done

cat >"$out/p$parts/run-device.sh" <<EOF
#!/usr/bin/env bash
# On the GPU machine, from the folder of the last part: gathers the parts copied to /root/fg-parts by the earlier
# commands, unpacks the kit to /root/fg, puts the machine's CUDA 13 and cuDNN 9 folders on LD_LIBRARY_PATH, runs it.
set -u
mkdir -p /root/fg-parts && cp "\$(dirname "\$0")"/fg.tar.xz.* /root/fg-parts/
[ "\$(ls /root/fg-parts | wc -l)" -eq $parts ] || { echo "have \$(ls /root/fg-parts), need $parts parts"; exit 1; }
rm -rf /root/fg && cat /root/fg-parts/fg.tar.xz.* | xz -d -T0 | tar -C /root -xf - || { echo "unpack failed"; exit 1; }
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
dirs=""
for lib in libcuda.so.1 libcudart.so.13 libcublas.so.13 libcublasLt.so.13 libcudnn.so.9; do
  file=\$(ldconfig -p | awk -v n="\$lib" '\$1 == n { print \$NF; exit }')
  [ -n "\$file" ] || file=\$(find /usr/local /usr/lib /opt -name "\$lib" 2>/dev/null | head -1)
  echo "\$lib: \${file:-not found}"
  [ -z "\$file" ] || dirs="\$dirs:\$(dirname "\$file")"
done
export LD_LIBRARY_PATH="\${dirs#:}\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
LD_LIBRARY_PATH=/root/fg/natives:\$LD_LIBRARY_PATH ldd /root/fg/natives/libonnxruntime_providers_cuda.so \\
  | grep -E "not found|cud|cublas"
/root/fg/run-tests.sh 2>&1 | tee "\${OUT:-/tmp}/gpu-tests.log"
EOF
chmod +x "$out/p$parts/run-device.sh"
echo "device kit: $parts part(s) of at most $part_mib MiB in $out"
echo "  commands 1..$((parts - 1)): mkdir -p /root/fg-parts && cp <carried pK>/fg.tar.xz.* /root/fg-parts/"
echo "  command $parts: bash <carried p$parts>/run-device.sh"
