//! Four f32 lanes: wasm simd128 (the browser build), SSE on x86-64 (the same register width and
//! count that V8 gives wasm there, so native runs predict the browser), or plain arrays elsewhere.

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use core::arch::wasm32::*;
    #[derive(Clone, Copy)]
    pub struct V(v128);
    /// # Safety
    /// `p` must be valid for reading four floats.
    #[inline(always)]
    pub unsafe fn ld(p: *const f32) -> V {
        unsafe { V(v128_load(p as *const v128)) }
    }
    /// # Safety
    /// `p` must be valid for writing four floats.
    #[inline(always)]
    pub unsafe fn st(p: *mut f32, v: V) {
        unsafe { v128_store(p as *mut v128, v.0) }
    }
    /// # Safety
    /// `p` must be valid for reading one float.
    #[inline(always)]
    pub unsafe fn splat_ld(p: *const f32) -> V {
        unsafe { V(v128_load32_splat(p as *const u32)) }
    }
    #[inline(always)]
    pub fn zero() -> V {
        V(f32x4_splat(0.0))
    }
    #[inline(always)]
    pub fn add(a: V, b: V) -> V {
        V(f32x4_add(a.0, b.0))
    }
    #[inline(always)]
    pub fn sub(a: V, b: V) -> V {
        V(f32x4_sub(a.0, b.0))
    }
    #[inline(always)]
    pub fn mul(a: V, b: V) -> V {
        V(f32x4_mul(a.0, b.0))
    }
    /// max(a, 0) with the pseudo-max (one instruction in V8).
    #[inline(always)]
    pub fn relu(a: V) -> V {
        V(f32x4_pmax(a.0, f32x4_splat(0.0)))
    }
    #[inline(always)]
    pub fn max(a: V, b: V) -> V {
        V(f32x4_pmax(a.0, b.0))
    }
    #[inline(always)]
    pub fn splat(x: f32) -> V {
        V(f32x4_splat(x))
    }
    #[inline(always)]
    pub fn to_arr(a: V) -> [f32; 4] {
        [f32x4_extract_lane::<0>(a.0), f32x4_extract_lane::<1>(a.0), f32x4_extract_lane::<2>(a.0), f32x4_extract_lane::<3>(a.0)]
    }
}

#[cfg(target_arch = "x86_64")]
mod imp {
    use core::arch::x86_64::*;
    #[derive(Clone, Copy)]
    pub struct V(__m128);
    /// # Safety
    /// `p` must be valid for reading four floats.
    #[inline(always)]
    pub unsafe fn ld(p: *const f32) -> V {
        unsafe { V(_mm_loadu_ps(p)) }
    }
    /// # Safety
    /// `p` must be valid for writing four floats.
    #[inline(always)]
    pub unsafe fn st(p: *mut f32, v: V) {
        unsafe { _mm_storeu_ps(p, v.0) }
    }
    /// # Safety
    /// `p` must be valid for reading one float.
    #[inline(always)]
    pub unsafe fn splat_ld(p: *const f32) -> V {
        unsafe { V(_mm_load1_ps(p)) }
    }
    #[inline(always)]
    pub fn zero() -> V {
        // SSE is part of x86-64's baseline.
        unsafe { V(_mm_setzero_ps()) }
    }
    #[inline(always)]
    pub fn add(a: V, b: V) -> V {
        unsafe { V(_mm_add_ps(a.0, b.0)) }
    }
    #[inline(always)]
    pub fn sub(a: V, b: V) -> V {
        unsafe { V(_mm_sub_ps(a.0, b.0)) }
    }
    #[inline(always)]
    pub fn mul(a: V, b: V) -> V {
        unsafe { V(_mm_mul_ps(a.0, b.0)) }
    }
    #[inline(always)]
    pub fn relu(a: V) -> V {
        unsafe { V(_mm_max_ps(a.0, _mm_setzero_ps())) }
    }
    #[inline(always)]
    pub fn max(a: V, b: V) -> V {
        unsafe { V(_mm_max_ps(a.0, b.0)) }
    }
    #[inline(always)]
    pub fn splat(x: f32) -> V {
        unsafe { V(_mm_set1_ps(x)) }
    }
    #[inline(always)]
    pub fn to_arr(a: V) -> [f32; 4] {
        let mut out = [0.0; 4];
        unsafe { _mm_storeu_ps(out.as_mut_ptr(), a.0) };
        out
    }
}

#[cfg(not(any(target_arch = "x86_64", all(target_arch = "wasm32", target_feature = "simd128"))))]
mod imp {
    #[derive(Clone, Copy)]
    pub struct V([f32; 4]);
    /// # Safety
    /// `p` must be valid for reading four floats.
    #[inline(always)]
    pub unsafe fn ld(p: *const f32) -> V {
        unsafe { V((p as *const [f32; 4]).read_unaligned()) }
    }
    /// # Safety
    /// `p` must be valid for writing four floats.
    #[inline(always)]
    pub unsafe fn st(p: *mut f32, v: V) {
        unsafe { (p as *mut [f32; 4]).write_unaligned(v.0) }
    }
    /// # Safety
    /// `p` must be valid for reading one float.
    #[inline(always)]
    pub unsafe fn splat_ld(p: *const f32) -> V {
        unsafe { V([*p; 4]) }
    }
    #[inline(always)]
    pub fn zero() -> V {
        V([0.0; 4])
    }
    #[inline(always)]
    pub fn add(a: V, b: V) -> V {
        V(core::array::from_fn(|i| a.0[i] + b.0[i]))
    }
    #[inline(always)]
    pub fn sub(a: V, b: V) -> V {
        V(core::array::from_fn(|i| a.0[i] - b.0[i]))
    }
    #[inline(always)]
    pub fn mul(a: V, b: V) -> V {
        V(core::array::from_fn(|i| a.0[i] * b.0[i]))
    }
    #[inline(always)]
    pub fn relu(a: V) -> V {
        V(core::array::from_fn(|i| a.0[i].max(0.0)))
    }
    #[inline(always)]
    pub fn max(a: V, b: V) -> V {
        V(core::array::from_fn(|i| a.0[i].max(b.0[i])))
    }
    #[inline(always)]
    pub fn splat(x: f32) -> V {
        V([x; 4])
    }
    #[inline(always)]
    pub fn to_arr(a: V) -> [f32; 4] {
        a.0
    }
}

pub use imp::*;
