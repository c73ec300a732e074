#!/usr/bin/env python3
"""The Python peer: what robomimic's ConfigGenerator does, the way it
does it (json.load, a deepcopy per run, dotted sets, meta, json.dump with
indent=4 per file, a bash script).  Written for sweep's tests and
benchmark; it is not robomimic's code.

usage: peer.py BASE SCRIPT PARAMS_JSON [OUTDIR]
PARAMS_JSON: [{"key", "name", "group", "values", "value_names"}...]
"""
import itertools
import json
import os
import re
import sys
from collections import OrderedDict
from copy import deepcopy


def set_key(d, key, value):
    parts = re.split(r"/|\.", key)
    for p in parts[:-1]:
        d = d[p]
    d[parts[-1]] = value


def run_name(base, params, setting):
    name = base
    for p, i in zip(params, setting):
        if not p["name"] or p.get("hidename"):
            continue
        if p.get("value_names") is not None:
            text = p["value_names"][i]
        elif isinstance(p["values"][i], (list, tuple)):
            text = "_".join(str(x) for x in p["values"][i])
        else:
            text = str(p["values"][i])
        if name:
            name += "_"
        name += p["name"]
        if text:
            name += "_" + text
    return name


def main():
    base_file, script, params = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    outdir = sys.argv[4] if len(sys.argv) > 4 else os.path.abspath(os.path.dirname(base_file))
    with open(base_file) as f:
        base = json.load(f)
    groups = OrderedDict()
    for p in params:
        groups.setdefault(p["group"], len(p["values"]))
    paths = []
    for combo in itertools.product(*(range(n) for n in groups.values())):
        at = dict(zip(groups.keys(), combo))
        setting = [at[p["group"]] for p in params]
        name = run_name(base["experiment"]["name"], params, setting)
        config = deepcopy(base)
        config["experiment"]["name"] = name
        for p, i in zip(params, setting):
            set_key(config, p["key"], p["values"][i])
        meta = config.setdefault("meta", {})
        meta.update(hp_base_config_file=base_file, hp_keys=[], hp_values=[])
        for p, i in zip(params, setting):
            if p["name"]:
                meta["hp_keys"].append(p["name"])
                vn = p.get("value_names")
                meta["hp_values"].append(vn[i] if vn is not None else p["values"][i])
        path = os.path.join(outdir, name + ".json")
        with open(path, "w") as f:
            json.dump(config, f, indent=4)
        paths.append(path)
    with open(script, "w") as f:
        f.write("#!/bin/bash\n\n")
        for path in paths:
            f.write("python train.py --config {}\n".format(path))


if __name__ == "__main__":
    main()
