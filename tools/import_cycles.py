#!/usr/bin/env python3
"""Import cycles between the crate's modules (`make check` fails on one).

Every file is a module; `use crate::…`, `use super::…` and inline `crate::…`/`super::…` paths are
edges to the deepest module they name (bin/trainer/ is its own crate). Edges between a module and
its own ancestors or descendants are not counted (a parent declares and re-exports its children).
Prints each cycle with its edges and exits 1 when there is one.

    python3 tools/import_cycles.py crate/src
"""
import os,re,sys
root=sys.argv[1]
mods={}
for d,_,fs in os.walk(root):
    for f in fs:
        if not f.endswith('.rs'): continue
        p=os.path.join(d,f); rel=os.path.relpath(p,root)[:-3].split(os.sep)
        if rel[-1] in ('mod','lib','main'): rel=rel[:-1]
        mods['::'.join(rel)]=p
def croot(m):
    return 'bin::trainer::' if m.startswith('bin::trainer') else ''
def resolve(path):
    parts=path.split('::')
    for i in range(len(parts),0,-1):
        m='::'.join(parts[:i])
        if m in mods: return m
    return None
edges={m:set() for m in mods}
for m,p in mods.items():
    s=open(p).read()
    s=re.sub(r'//.*','',s)
    # crate:: paths incl. use groups
    for u in re.finditer(r'use\s+([^;]+);',s):
        txt=u.group(1).replace('\n',' ')
        def expand(prefix, t):
            t=t.strip()
            mm=re.match(r'^([\w:]*?)::\{(.*)\}$',t,re.S)
            if mm:
                base=mm.group(1); inner=mm.group(2); depth=0; cur=''; items=[]
                for ch in inner:
                    if ch=='{': depth+=1
                    if ch=='}': depth-=1
                    if ch==',' and depth==0: items.append(cur); cur=''
                    else: cur+=ch
                items.append(cur)
                out=[]
                for it in items:
                    if it.strip(): out+=expand(prefix, base+'::'+it.strip())
                return out
            return [t.split(' as ')[0]]
        for path in expand('',txt):
            path=path.strip()
            if path.startswith('crate::'): tgt=(croot(m)+path[7:])
            elif path.startswith('super::'):
                base=m.split('::') if m else []
                q=path
                while q.startswith('super::'): base=base[:-1]; q=q[7:]
                tgt='::'.join(base+[q])
            elif path.startswith('self::'): tgt=(m+'::' if m else '')+path[6:]
            else: continue
            r=resolve(tgt)
            if r is not None and r!=m: edges[m].add(r)
    for c in re.finditer(r'(?<![\w:])((?:super::)+|crate::)([\w:]+)',s):
        if c.group(1)=='crate::': tgt=croot(m)+c.group(2)
        else:
            base=m.split('::'); n=c.group(1).count('super::'); base=base[:-n]
            tgt='::'.join(base+[c.group(2)])
        r=resolve(tgt)
        if r is not None and r!=m: edges[m].add(r)
def related(a,b):
    return a==b or b=='' or a=='' or a.startswith(b+'::') or b.startswith(a+'::')
for a in edges: edges[a]={b for b in edges[a] if not related(a,b)}
# tarjan
idx={};low={};st=[];on=set();res=[];i=[0]
sys.setrecursionlimit(10000)
def sc(v):
    idx[v]=low[v]=i[0];i[0]+=1;st.append(v);on.add(v)
    for w in edges[v]:
        if w not in idx: sc(w);low[v]=min(low[v],low[w])
        elif w in on: low[v]=min(low[v],idx[w])
    if low[v]==idx[v]:
        comp=[]
        while True:
            w=st.pop();on.discard(w);comp.append(w)
            if w==v: break
        if len(comp)>1: res.append(comp)
for v in edges:
    if v not in idx: sc(v)
for c in res:
    print('CYCLE:',sorted(c))
    for a in c:
        print('  ',a,'->',sorted(b for b in edges[a] if b in c))
print(len(res),'import cycles')
sys.exit(1 if res else 0)
