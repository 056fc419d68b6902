//! A layered layout of the prerequisite graph: which column and row each entry takes; pure.
//!
//! A Sugiyama layout cut down to what a reading path needs: every entry one column after the
//! furthest of its prerequisites, entries that only lead somewhere pulled next to what they lead
//! to, then rows ordered by the mean row of their neighbours to uncross edges. An edge that
//! skips columns runs through a lane in each column it crosses (Sugiyama's dummy nodes), so it
//! passes between entries, never behind one; the edges leaving one entry share its lanes.

use std::collections::HashMap;

/// What takes a place in a column: an entry, or the lane through which the edges from an entry
/// in an earlier column pass on to later ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Node(usize),
    Lane(usize),
}

/// Columns (layers) left to right, each a list of slots top to bottom.
pub type Layers = Vec<Vec<Slot>>;

/// The most lanes a layout makes: past this (a hostile catalog whose many entries each lead
/// many columns on), the remaining long edges are drawn straight, so a layout stays linear in
/// size.
pub const MAX_LANES: usize = 200_000;

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

    // Lanes: each entry whose edges skip columns gets one in every column up to the furthest of
    // them, chained, and each long edge leaves the chain just before its end.
    let mut owner: Vec<usize> = (0..n).collect();
    let mut lanes = 0;
    for source in 0..n {
        let near = layer[source] + 1;
        let Some(far) = after[source].iter().map(|&b| layer[b]).max() else {
            continue;
        };
        if far <= near || lanes + (far - near) > MAX_LANES {
            continue;
        }
        lanes += far - near;
        let long: Vec<usize> = after[source]
            .iter()
            .copied()
            .filter(|&b| layer[b] > near)
            .collect();
        after[source].retain(|&b| layer[b] <= near);
        let first = layer.len();
        let mut previous = source;
        for column in near..far {
            let lane = layer.len();
            layer.push(column);
            owner.push(source);
            before.push(vec![previous]);
            after.push(Vec::new());
            after[previous].push(lane);
            previous = lane;
        }
        for target in long {
            let lane = first + (layer[target] - 1 - near);
            after[lane].push(target);
            for from in &mut before[target] {
                if *from == source {
                    *from = lane;
                }
            }
        }
    }

    let columns = layer.iter().max().map_or(0, |&m| m + 1);
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); columns];
    for (slot, &column) in layer.iter().enumerate() {
        layers[column].push(slot);
    }
    // Barycentre sweeps: forward by prerequisites, backward by what each one unlocks.
    let mut row = vec![0usize; layer.len()];
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
        .map(|column| {
            column
                .into_iter()
                .map(|slot| {
                    if slot < n {
                        Slot::Node(nodes[slot])
                    } else {
                        Slot::Lane(nodes[owner[slot]])
                    }
                })
                .collect()
        })
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
        layers
            .iter()
            .position(|c| c.contains(&Slot::Node(node)))
            .unwrap()
    }

    fn entries(layers: &Layers) -> Vec<Vec<usize>> {
        layers
            .iter()
            .map(|c| {
                c.iter()
                    .filter_map(|s| match s {
                        Slot::Node(n) => Some(*n),
                        Slot::Lane(_) => None,
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn every_prerequisite_is_in_an_earlier_column() {
        // 10 -> 11 -> 12, 10 -> 12, 13 -> 12, 14 alone.
        let edges = [(10, 11), (11, 12), (10, 12), (13, 12)];
        let layers = layered(&[10, 11, 12, 13, 14], &edges);
        for (a, b) in edges {
            assert!(column_of(&layers, a) < column_of(&layers, b), "{layers:?}");
        }
        assert_eq!(entries(&layers).iter().map(Vec::len).sum::<usize>(), 5);
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
        assert_eq!(entries(&layers), vec![vec![1, 2], vec![4, 3]]);
    }

    #[test]
    fn a_long_edge_takes_a_lane_in_each_column_it_crosses() {
        // 1 -> 2 -> 3 -> 4, and 1 -> 4 and 1 -> 3: 1's lanes are in columns 1 and 2, shared.
        let layers = layered(&[1, 2, 3, 4], &[(1, 2), (2, 3), (3, 4), (1, 4), (1, 3)]);
        let lanes: Vec<usize> = layers
            .iter()
            .map(|c| c.iter().filter(|s| **s == Slot::Lane(1)).count())
            .collect();
        assert_eq!(lanes, [0, 1, 1, 0], "{layers:?}");
        assert_eq!(entries(&layers), vec![vec![1], vec![2], vec![3], vec![4]]);
    }

    #[test]
    fn a_cycle_or_unknown_node_does_not_hang_or_panic() {
        let layers = layered(&[1, 2], &[(1, 2), (2, 1), (7, 1), (1, 1)]);
        assert_eq!(entries(&layers).iter().map(Vec::len).sum::<usize>(), 2);
        assert!(layered(&[], &[]).is_empty());
    }
}
