//! A layered layout of the prerequisite graph: which column and row each entry takes; pure.
//!
//! A Sugiyama layout cut down to what a reading path needs: every entry one column after the
//! furthest of its prerequisites, entries that only lead somewhere pulled next to what they lead
//! to, then rows ordered by the mean row of their neighbours to uncross edges.

use std::collections::HashMap;

/// Columns (layers) left to right, each a list of node ids top to bottom.
pub type Layers = Vec<Vec<usize>>;

/// `nodes` (any ids, in the order to prefer) laid out in columns so that every `(before, after)`
/// edge goes from a column to a later one. Edges naming unknown nodes are ignored; a cycle (which a
/// validated catalog never has) cannot make it loop.
pub fn layered(nodes: &[usize], edges: &[(usize, usize)]) -> Layers {
    let n = nodes.len();
    let slots: HashMap<usize, usize> = nodes.iter().enumerate().map(|(s, &id)| (id, s)).collect();
    let mut before: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in edges {
        if let (Some(&a), Some(&b)) = (slots.get(&a), slots.get(&b))
            && a != b
        {
            after[a].push(b);
            before[b].push(a);
        }
    }

    // Longest path from the sources, in topological order (Kahn). Nodes on a cycle, which a
    // validated catalog never has, are never reached and stay in the first column.
    let mut layer = vec![0usize; n];
    let mut waiting: Vec<usize> = before.iter().map(Vec::len).collect();
    let mut ready: Vec<usize> = (0..n).filter(|&s| waiting[s] == 0).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(node) = ready.pop() {
        order.push(node);
        for &next in &after[node] {
            layer[next] = layer[next].max(layer[node] + 1);
            waiting[next] -= 1;
            if waiting[next] == 0 {
                ready.push(next);
            }
        }
    }
    // An entry that leads somewhere moves up to just before the earliest of what it leads to, so
    // its edges stay short instead of crossing columns of other entries. Last in topological order
    // first, so that a chain moves as a whole; what it requires is still in an earlier column.
    for &node in order.iter().rev() {
        if let Some(child) = after[node].iter().map(|&b| layer[b]).min() {
            layer[node] = layer[node].max(child.saturating_sub(1));
        }
    }

    let columns = layer.iter().max().map_or(0, |&m| m + 1);
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); columns];
    for node in 0..n {
        layers[layer[node]].push(node);
    }
    // Barycentre sweeps: forward by prerequisites, backward by what each one unlocks.
    let mut row = vec![0usize; n];
    for _ in 0..4 {
        for c in 1..columns {
            number_rows(&layers[c - 1], &mut row);
            order_by_neighbours(&mut layers[c], &before, (&row, &layer, c - 1));
        }
        for c in (0..columns.saturating_sub(1)).rev() {
            number_rows(&layers[c + 1], &mut row);
            order_by_neighbours(&mut layers[c], &after, (&row, &layer, c + 1));
        }
    }
    layers
        .into_iter()
        .map(|column| column.into_iter().map(|slot| nodes[slot]).collect())
        .collect()
}

fn number_rows(column: &[usize], row: &mut [usize]) {
    for (r, &node) in column.iter().enumerate() {
        row[node] = r;
    }
}

/// Sorts `column` by the mean row its neighbours in column `other` take (`row` numbers that
/// column, `layer` says where every node is); a node with none there keeps its row, so the sort
/// is stable around it.
fn order_by_neighbours(
    column: &mut Vec<usize>,
    neighbours: &[Vec<usize>],
    (row, layer, other): (&[usize], &[usize], usize),
) {
    let mut keyed: Vec<(f64, usize)> = column
        .iter()
        .enumerate()
        .map(|(r, &node)| {
            let near: Vec<usize> = neighbours[node]
                .iter()
                .filter(|&&m| layer[m] == other)
                .map(|&m| row[m])
                .collect();
            let key = if near.is_empty() {
                r as f64
            } else {
                near.iter().sum::<usize>() as f64 / near.len() as f64
            };
            (key, node)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    *column = keyed.into_iter().map(|(_, node)| node).collect();
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
