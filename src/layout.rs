//! A layered layout of the prerequisite graph: which column and row each entry takes; pure.
//!
//! A Sugiyama layout cut down to what a reading path needs: every entry one column after the
//! furthest of its prerequisites, entries that only lead somewhere pulled next to what they lead
//! to, then rows ordered by the mean row of their neighbours to uncross edges.

/// Columns (layers) left to right, each a list of node ids top to bottom.
pub type Layers = Vec<Vec<usize>>;

/// `nodes` (any ids, in the order to prefer) laid out in columns so that every `(before, after)`
/// edge goes from a column to a later one. Edges naming unknown nodes are ignored; a cycle (which a
/// validated catalog never has) cannot make it loop.
pub fn layered(nodes: &[usize], edges: &[(usize, usize)]) -> Layers {
    let n = nodes.len();
    let slot = |id: usize| nodes.iter().position(|&x| x == id);
    let edges: Vec<(usize, usize)> = edges
        .iter()
        .filter_map(|&(a, b)| Some((slot(a)?, slot(b)?)))
        .filter(|(a, b)| a != b)
        .collect();

    // Longest path from the sources, relaxed at most n times so that a cycle stops.
    let mut layer = vec![0usize; n];
    for _ in 0..n {
        let mut changed = false;
        for &(a, b) in &edges {
            if layer[b] < layer[a] + 1 && layer[a] < n {
                layer[b] = layer[a] + 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // An entry that leads somewhere moves up to just before the earliest of what it leads to, so
    // its edges stay short instead of crossing columns of other entries. Latest columns first,
    // so that a chain moves as a whole; what it requires is still in an earlier column.
    let mut by_layer: Vec<usize> = (0..n).collect();
    by_layer.sort_by_key(|&node| std::cmp::Reverse(layer[node]));
    for node in by_layer {
        let earliest_child = edges
            .iter()
            .filter(|&&(a, _)| a == node)
            .map(|&(_, b)| layer[b])
            .min();
        if let Some(child) = earliest_child {
            layer[node] = layer[node].max(child.saturating_sub(1));
        }
    }

    let columns = layer.iter().max().map_or(0, |&m| m + 1);
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); columns];
    for node in 0..n {
        layers[layer[node]].push(node);
    }
    // Barycentre sweeps: forward by prerequisites, backward by what each one unlocks.
    for _ in 0..4 {
        for c in 1..columns {
            order_by_neighbours(&mut layers, c, c - 1, &edges, true);
        }
        for c in (0..columns.saturating_sub(1)).rev() {
            order_by_neighbours(&mut layers, c, c + 1, &edges, false);
        }
    }
    layers
        .into_iter()
        .map(|column| column.into_iter().map(|slot| nodes[slot]).collect())
        .collect()
}

/// Sorts column `c` by the mean row its neighbours in column `other` take; a node with none there
/// keeps its row, so the sort is stable around it.
fn order_by_neighbours(
    layers: &mut [Vec<usize>],
    c: usize,
    other: usize,
    edges: &[(usize, usize)],
    from_before: bool,
) {
    let rows: Vec<(usize, usize)> = layers[other]
        .iter()
        .enumerate()
        .map(|(row, &node)| (node, row))
        .collect();
    let row_of = |node: usize| rows.iter().find(|&&(n, _)| n == node).map(|&(_, r)| r);
    let mut keyed: Vec<(f64, usize)> = layers[c]
        .iter()
        .enumerate()
        .map(|(row, &node)| {
            let neighbours: Vec<usize> = edges
                .iter()
                .filter_map(|&(a, b)| match from_before {
                    true if b == node => row_of(a),
                    false if a == node => row_of(b),
                    _ => None,
                })
                .collect();
            let key = if neighbours.is_empty() {
                row as f64
            } else {
                neighbours.iter().sum::<usize>() as f64 / neighbours.len() as f64
            };
            (key, node)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    layers[c] = keyed.into_iter().map(|(_, node)| node).collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column_of(layers: &Layers, node: usize) -> usize {
        layers.iter().position(|c| c.contains(&node)).unwrap()
    }

    #[test]
    fn every_prerequisite_is_in_an_earlier_column() {
        // 10 -> 11 -> 12, 10 -> 12, 13 -> 12, 14 alone.
        let edges = [(10, 11), (11, 12), (10, 12), (13, 12)];
        let layers = layered(&[10, 11, 12, 13, 14], &edges);
        for (a, b) in edges {
            assert!(column_of(&layers, a) < column_of(&layers, b), "{layers:?}");
        }
        assert_eq!(layers.iter().map(Vec::len).sum::<usize>(), 5);
    }

    #[test]
    fn an_entry_sits_next_to_what_it_leads_to() {
        // 13 only leads to 12, which is in column 2: 13 goes to column 1, not 0. 15 -> 16 -> 12
        // moves as a chain.
        let layers = layered(
            &[10, 11, 12, 13, 15, 16],
            &[(10, 11), (11, 12), (13, 12), (15, 16), (16, 12), (10, 12)],
        );
        assert_eq!(column_of(&layers, 13), 1, "{layers:?}");
        assert_eq!(column_of(&layers, 16), 1, "{layers:?}");
        assert_eq!(column_of(&layers, 10), 0);
        assert_eq!(column_of(&layers, 15), 0);
    }

    #[test]
    fn rows_follow_their_prerequisites_to_avoid_crossings() {
        // 1 -> 4 and 2 -> 3: 4 should be drawn above 3, beside 1.
        let layers = layered(&[1, 2, 3, 4], &[(1, 4), (2, 3)]);
        assert_eq!(layers, vec![vec![1, 2], vec![4, 3]]);
    }

    #[test]
    fn a_cycle_or_unknown_node_does_not_hang_or_panic() {
        let layers = layered(&[1, 2], &[(1, 2), (2, 1), (7, 1), (1, 1)]);
        assert_eq!(layers.iter().map(Vec::len).sum::<usize>(), 2);
        assert!(layered(&[], &[]).is_empty());
    }
}
