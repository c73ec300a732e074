#!/bin/sh
# The seed's tutorial sweep (robomimic's hyperparameter scan) as one
# pipeline, on a copy of examples/base.json in DEMO_DIR.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${DEMO_DIR:-/tmp/sweep-demo/gen_configs}
PATH=$top/bin:$PATH
rm -rf "$dir"
mkdir -p "$dir"
cp "$top/examples/base.json" "$dir/base.json"
# Shown as typed, then run.
pipeline="sweep-add -b $dir/base.json -k algo.rnn.enabled -g 0 true \\
| sweep-add -k train.seq_length -g 0 10 \\
| sweep-add -k algo.rnn.horizon -g 0 10 \\
| sweep-add -k algo.optim_params.policy.learning_rate.initial -n plr -g 1 1e-3 1e-4 \\
| sweep-add -k algo.gmm.enabled -n gmm -g 2 -N t,f true false \\
| sweep-add -k algo.rnn.hidden_dim -n rnnd -g 3 400 1000 \\
| sweep-add -k algo.actor_layer_dims -n mlp -g 3 -N 1024,0 '[1024,1024]' '[]' \\
| sweep-expand | sweep-name | sweep-script -s $dir/out.sh"
printf '$ %s\n' "$pipeline"
eval "$pipeline"
echo
echo "\$ cat $dir/out.sh"
cat "$dir/out.sh"
echo
echo "\$ ls $dir"
ls "$dir"
echo
echo "\$ tail -18 $dir/bc_rnn_hyper_plr_0.001_gmm_t_rnnd_400_mlp_1024.json"
tail -18 "$dir/bc_rnn_hyper_plr_0.001_gmm_t_rnnd_400_mlp_1024.json"
