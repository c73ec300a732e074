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

# A stand-in training (examples/train) swept over the learning rate and
# the optimizer, one run failing; its runs' metrics collected, tabled and
# plotted into examples/plot.png, the plot in README.md.
runs=$(dirname "$dir")/runs
rm -rf "$runs"
mkdir -p "$runs"
cp "$top/examples/train.json" "$runs/train.json"
pipeline="sweep-add -b $runs/train.json -k train.lr -n lr 0.001 0.01 0.1 \\
| sweep-add -k model.opt -n opt adam sgd \\
| sweep-script -q --logs -s $runs/train.sh -c 'sh $top/examples/train {config}'"
echo
printf '$ %s\n' "$pipeline"
eval "$pipeline"
echo "\$ $runs/train.sh"
"$runs/train.sh" > /dev/null 2>&1 || true
if [ -e "$runs/train.sh.manifest" ]; then
	echo "\$ sweep-collect -m '{config_dir}/{name}.metrics.json' $runs/train.sh | sweep-table --sort=success --reverse"
	sweep-collect -m '{config_dir}/{name}.metrics.json' "$runs/train.sh" |
		sweep-table --sort=success --reverse
	echo "\$ sweep-collect ... | sweep-plot -x lr -y success --by opt --log-x -o examples/plot.png"
	sweep-collect -m '{config_dir}/{name}.metrics.json' "$runs/train.sh" |
		sweep-plot -x lr -y success --by opt --log-x -o "$top/examples/plot.png"
fi
