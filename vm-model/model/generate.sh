#!/bin/sh
# Regenerates the state model's Java code from vmscope.ecore with EMF's generator (see README.md).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cp="$here/generator/target/classpath.txt"
"$root/mvnw" -B -q -f "$here/generator/pom.xml" dependency:build-classpath -Dmdep.outputFile="$cp"
java -cp "$(cat "$cp")" "$here/generator/Generate.java" "$here" "$root/vm-model/src/main/java"
rm -rf "$here/generator/target"
